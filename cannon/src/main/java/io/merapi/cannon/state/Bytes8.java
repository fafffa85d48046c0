package io.merapi.cannon.state;

/** Big-endian 64-bit words in byte arrays. */
public final class Bytes8 {
  private Bytes8() {}

  public static int put(byte[] out, int offset, long v) {
    for (int i = 0; i < 8; i++) {
      out[offset + i] = (byte) (v >>> (56 - 8 * i));
    }
    return offset + 8;
  }

  public static long get(byte[] in, int offset) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (in[offset + i] & 0xFFL);
    }
    return v;
  }
}
