package io.merapi.evm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A call frame's memory: a byte array that grows in 32-byte words. The capacity grows geometrically
 * so repeated expansion is amortized; {@link #size()} is the EVM-visible size. Words are read and
 * written big-endian into the stack's limb layout (see {@link WordMath}).
 */
public final class Memory {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /**
   * The largest memory this implementation can hold in one Java array. Reaching it needs more than
   * 2.2 * 10^12 gas of expansion cost, far above any block gas limit in use; beyond it an expansion
   * halts as out of gas.
   */
  public static final long MAX_SIZE = 1L << 30;

  private byte[] data = new byte[0];
  private int size;

  /** The EVM-visible size in bytes (a multiple of 32). */
  public int size() {
    return size;
  }

  public long words() {
    return size >>> 5;
  }

  /** The backing array (at least {@link #size()} long); for hashing and copying without copies. */
  public byte[] array() {
    return data;
  }

  /** Clears the memory for reuse by another frame. */
  void reset() {
    if (size > 0) {
      Arrays.fill(data, 0, size, (byte) 0);
      size = 0;
    }
    if (data.length > (1 << 20)) {
      data = new byte[0]; // do not pin a large buffer in a pooled frame
    }
  }

  /** Grows the visible size to cover {@code end} bytes; the caller has charged the gas. */
  void grow(long end) {
    long newSize = (end + 31) & ~31L;
    if (newSize <= size) {
      return;
    }
    if (newSize > data.length) {
      long capacity = Math.max(newSize, Math.min((long) data.length * 2, MAX_SIZE));
      data = Arrays.copyOf(data, (int) capacity);
    }
    size = (int) newSize;
  }

  /** Writes the word at {@code s[o..o+4)} as 32 big-endian bytes at {@code offset}. */
  void storeWord(int offset, long[] s, int o) {
    LONG_BE.set(data, offset, s[o + 3]);
    LONG_BE.set(data, offset + 8, s[o + 2]);
    LONG_BE.set(data, offset + 16, s[o + 1]);
    LONG_BE.set(data, offset + 24, s[o]);
  }

  /** Reads 32 big-endian bytes at {@code offset} into the word at {@code s[o..o+4)}. */
  void loadWord(int offset, long[] s, int o) {
    s[o + 3] = (long) LONG_BE.get(data, offset);
    s[o + 2] = (long) LONG_BE.get(data, offset + 8);
    s[o + 1] = (long) LONG_BE.get(data, offset + 16);
    s[o] = (long) LONG_BE.get(data, offset + 24);
  }

  void storeByte(int offset, byte value) {
    data[offset] = value;
  }

  /**
   * Copies {@code length} bytes of {@code source} from {@code sourceOffset} to memory at {@code
   * offset}, with zeros where the source ends (as CALLDATACOPY, CODECOPY and EXTCODECOPY read past
   * the end). {@code sourceOffset} may be beyond the source.
   */
  void copyPadded(int offset, byte[] source, long sourceOffset, int sourceLength, int length) {
    int available =
        sourceOffset >= sourceLength ? 0 : (int) Math.min(length, sourceLength - sourceOffset);
    if (available > 0) {
      System.arraycopy(source, (int) sourceOffset, data, offset, available);
    }
    if (available < length) {
      Arrays.fill(data, offset + available, offset + length, (byte) 0);
    }
  }

  /** Copies within memory (MCOPY), overlapping regions allowed. */
  void copyWithin(int destination, int source, int length) {
    System.arraycopy(data, source, data, destination, length);
  }

  /** A copy of {@code [offset, offset+length)}. */
  public byte[] slice(int offset, int length) {
    return Arrays.copyOfRange(data, offset, offset + length);
  }
}
