package io.merapi.derive.channel;

import java.util.Locale;

/**
 * The compression a batcher writes channels with, and its level (op-node {@code CompressionAlgo}):
 * zlib at its best compression, or brotli at quality 9, 10 or 11; plain {@code brotli} is level 10.
 */
public enum CompressionAlgo {
  ZLIB("zlib", Compression.ZLIB, 9),
  BROTLI_9("brotli-9", Compression.BROTLI, 9),
  BROTLI_10("brotli-10", Compression.BROTLI, 10),
  BROTLI_11("brotli-11", Compression.BROTLI, 11);

  private final String displayName;
  private final Compression compression;
  private final int level;

  CompressionAlgo(String displayName, Compression compression, int level) {
    this.displayName = displayName;
    this.compression = compression;
    this.level = level;
  }

  /**
   * Parses op-batcher's names: {@code zlib}, {@code brotli} (level 10), {@code brotli-9}, {@code
   * brotli-10}, {@code brotli-11}.
   *
   * @throws IllegalArgumentException for any other name
   */
  public static CompressionAlgo parse(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.equals("brotli")) {
      return BROTLI_10;
    }
    for (CompressionAlgo algo : values()) {
      if (algo.displayName.equals(lower)) {
        return algo;
      }
    }
    throw new IllegalArgumentException(
        "unknown compression algorithm "
            + name
            + ": expected zlib, brotli, brotli-9, brotli-10 or brotli-11");
  }

  public Compression compression() {
    return compression;
  }

  /** The zlib level or the brotli quality. */
  public int level() {
    return level;
  }

  public String displayName() {
    return displayName;
  }

  @Override
  public String toString() {
    return displayName;
  }
}
