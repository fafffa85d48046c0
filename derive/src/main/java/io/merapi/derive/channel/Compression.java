package io.merapi.derive.channel;

/**
 * How a channel's batches are compressed (specs derivation.md "Channel Format", fjord/derivation.md
 * "Brotli Channel Compression"): zlib (RFC 1950) from Bedrock on, recognised by the compression
 * method in the low four bits of the first byte (8, or 15 which zlib reserves); brotli from Fjord,
 * after the channel version byte {@code 0x01}.
 */
public enum Compression {
  ZLIB("zlib"),
  BROTLI("brotli");

  /** The channel version byte that precedes a brotli stream. */
  public static final int CHANNEL_VERSION_BROTLI = 0x01;

  private final String displayName;

  Compression(String displayName) {
    this.displayName = displayName;
  }

  /** The name op-node logs: {@code zlib} or {@code brotli}. */
  public String displayName() {
    return displayName;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
