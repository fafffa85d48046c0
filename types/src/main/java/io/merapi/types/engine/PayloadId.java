package io.merapi.types.engine;

import io.merapi.base.bytes.Hex;
import java.util.HexFormat;

/**
 * The 8-byte identifier of a payload build process ({@code payloadId}). As in geth, the first byte
 * is the version of the {@code forkchoiceUpdated} call that started the build and the other seven
 * come from a hash of its arguments ({@link PayloadIds}), so the same request gets the same id.
 */
public record PayloadId(long value) {
  /** The version of {@code engine_forkchoiceUpdated} that started the build. */
  public int version() {
    return (int) (value >>> 56);
  }

  /** {@code 0x} and 16 hex digits. */
  public String toHex() {
    return "0x" + HexFormat.of().toHexDigits(value);
  }

  /**
   * Parses {@code 0x} and exactly 8 bytes of hex.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static PayloadId fromHex(String text) {
    byte[] bytes = Hex.decode(text);
    if (bytes.length != 8) {
      throw new IllegalArgumentException(
          "invalid payload id \"" + text + "\": want 8 bytes, got " + bytes.length);
    }
    long value = 0;
    for (byte b : bytes) {
      value = (value << 8) | (b & 0xff);
    }
    return new PayloadId(value);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
