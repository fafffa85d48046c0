package io.merapi.cannon.memory;

/**
 * Bytes, halves and words inside a big-endian 64-bit memory word, as the MIPS64 contract selects
 * and updates them for loads, stores, futexes and ll/sc.
 */
public final class SubWord {
  private SubWord() {}

  /** The byteLength-wide value at vaddr's position within the big-endian word. */
  public static long select(long vaddr, long word, int byteLength, boolean signExtend) {
    int bits = byteLength << 3;
    long dataMask = bits == 64 ? -1L : (1L << bits) - 1;
    int byteIndex = (int) (vaddr & 7 & ~(byteLength - 1));
    int bitOffset = (8 - byteLength - byteIndex) << 3;
    long v = (word >>> bitOffset) & dataMask;
    if (signExtend && bits < 64) {
      int shift = 64 - bits;
      v = (v << shift) >> shift;
    }
    return v;
  }

  /** The word with the byteLength-wide value placed at vaddr's position. */
  public static long update(long vaddr, long word, int byteLength, long value) {
    int bits = byteLength << 3;
    long dataMask = bits == 64 ? -1L : (1L << bits) - 1;
    int byteIndex = (int) (vaddr & 7 & ~(byteLength - 1));
    int bitOffset = (8 - byteLength - byteIndex) << 3;
    return ((value & dataMask) << bitOffset) | (word & ~(dataMask << bitOffset));
  }
}
