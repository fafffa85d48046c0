package io.merapi.trie;

import java.util.Arrays;

/**
 * Keys as the trie walks them: one 4-bit nibble per byte of a nibble array, high nibble first
 * (Yellow Paper appendix D, the function y mapping bytes to nibbles).
 */
final class Nibbles {
  static final byte[] NONE = new byte[0];

  private Nibbles() {}

  static byte[] of(byte[] key) {
    byte[] nibbles = new byte[key.length * 2];
    for (int i = 0; i < key.length; i++) {
      nibbles[2 * i] = (byte) ((key[i] >> 4) & 0x0f);
      nibbles[2 * i + 1] = (byte) (key[i] & 0x0f);
    }
    return nibbles;
  }

  /** Packs {@code nibbles[from, to)} (an even count) back into bytes. */
  static byte[] toBytes(byte[] nibbles, int from, int to) {
    byte[] bytes = new byte[(to - from) / 2];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) ((nibbles[from + 2 * i] << 4) | nibbles[from + 2 * i + 1]);
    }
    return bytes;
  }

  /** Length of the common prefix of {@code a[aFrom, aTo)} and {@code b[bFrom, bTo)}. */
  static int commonPrefix(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    int mismatch = Arrays.mismatch(a, aFrom, aTo, b, bFrom, bTo);
    return mismatch < 0 ? aTo - aFrom : mismatch;
  }

  /** {@code a[aFrom, aTo)} followed by {@code b[bFrom, bTo)}, as a new array. */
  static byte[] concat(byte[] a, int aFrom, int aTo, byte[] b, int bFrom, int bTo) {
    byte[] joined = new byte[(aTo - aFrom) + (bTo - bFrom)];
    System.arraycopy(a, aFrom, joined, 0, aTo - aFrom);
    System.arraycopy(b, bFrom, joined, aTo - aFrom, bTo - bFrom);
    return joined;
  }

  /** One nibble followed by {@code rest[from, to)}, as a new array. */
  static byte[] prepend(int nibble, byte[] rest, int from, int to) {
    byte[] joined = new byte[1 + to - from];
    joined[0] = (byte) nibble;
    System.arraycopy(rest, from, joined, 1, to - from);
    return joined;
  }
}
