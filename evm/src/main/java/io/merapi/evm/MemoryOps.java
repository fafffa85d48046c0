package io.merapi.evm;

import io.merapi.base.crypto.Keccak256;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Memory instructions and the expansion charge shared by every instruction that touches memory.
 * Methods return the gas left, negative when out of gas.
 */
final class MemoryOps {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  /** An offset or length too large for any memory (reading it as such costs more than all gas). */
  static final long OVERSIZED = Long.MAX_VALUE;

  private MemoryOps() {}

  /** The word at {@code s[o]} as a memory offset or length, or {@link #OVERSIZED}. */
  static long position(long[] s, int o) {
    long v = s[o];
    if ((s[o + 1] | s[o + 2] | s[o + 3]) != 0 || v < 0 || v > Memory.MAX_SIZE) {
      return OVERSIZED;
    }
    return v;
  }

  /**
   * Charges the expansion of memory to cover {@code [offset, offset+length)} and grows it; a zero
   * length never expands. Returns the gas left, negative when out of gas.
   */
  static long expand(Frame f, long gas, long offset, long length) {
    if (length == 0) {
      return gas;
    }
    if (offset > Memory.MAX_SIZE || length > Memory.MAX_SIZE) {
      return -1;
    }
    long end = offset + length;
    Memory m = f.memory;
    if (end <= m.size()) {
      return gas;
    }
    if (end > Memory.MAX_SIZE) {
      return -1;
    }
    long cost = GasCosts.memoryCost((end + 31) >>> 5) - GasCosts.memoryCost(m.words());
    gas -= cost;
    if (gas >= 0) {
      m.grow(end);
    }
    return gas;
  }

  /** Gas for copying {@code length} bytes (3 a word), saturating. */
  static long copyCost(long length) {
    return length == OVERSIZED ? OVERSIZED : GasCosts.COPY_WORD * GasCosts.words(length);
  }

  static long mload(Frame f, long[] s, int t, long gas) {
    long offset = position(s, t);
    gas = expand(f, gas, offset, 32);
    if (gas >= 0) {
      f.memory.loadWord((int) offset, s, t);
    }
    return gas;
  }

  static long mstore(Frame f, long[] s, int t, long gas) {
    long offset = position(s, t);
    gas = expand(f, gas, offset, 32);
    if (gas >= 0) {
      f.memory.storeWord((int) offset, s, t - 4);
    }
    return gas;
  }

  static long mstore8(Frame f, long[] s, int t, long gas) {
    long offset = position(s, t);
    gas = expand(f, gas, offset, 1);
    if (gas >= 0) {
      f.memory.storeByte((int) offset, (byte) s[t - 4]);
    }
    return gas;
  }

  /** KECCAK256(offset, length): hashes memory in place, without copying it. */
  static long keccak256(Frame f, long[] s, int t, long gas) {
    long offset = position(s, t);
    long length = position(s, t - 4);
    if (length == OVERSIZED) {
      return -1;
    }
    gas -= GasCosts.KECCAK256_WORD * GasCosts.words(length);
    if (gas < 0) {
      return gas;
    }
    gas = expand(f, gas, offset, length);
    if (gas < 0) {
      return gas;
    }
    byte[] out = f.wordBytes;
    if (length == 0) {
      Keccak256.hash(Evm.EMPTY_BYTES, 0, 0, out, 0);
    } else {
      Keccak256.hash(f.memory.array(), (int) offset, (int) length, out, 0);
    }
    int d = t - 4;
    s[d + 3] = (long) LONG_BE.get(out, 0);
    s[d + 2] = (long) LONG_BE.get(out, 8);
    s[d + 1] = (long) LONG_BE.get(out, 16);
    s[d] = (long) LONG_BE.get(out, 24);
    return gas;
  }

  /** MCOPY(destination, source, length) (EIP-5656). */
  static long mcopy(Frame f, long[] s, int t, long gas) {
    long destination = position(s, t);
    long source = position(s, t - 4);
    long length = position(s, t - 8);
    if (length == 0) {
      return gas;
    }
    gas -= copyCost(length);
    if (gas < 0) {
      return gas;
    }
    gas = expand(f, gas, Math.max(destination, source), length);
    if (gas >= 0) {
      f.memory.copyWithin((int) destination, (int) source, (int) length);
    }
    return gas;
  }

  /**
   * The shared part of CALLDATACOPY, CODECOPY, RETURNDATACOPY and EXTCODECOPY: charges copy and
   * expansion for {@code (memOffset, length)} at {@code s[mo]} and {@code s[lo]}, copies from
   * {@code source} at the offset word {@code s[so]} with zero padding.
   */
  static long copyToMemory(
      Frame f, long[] s, int mo, int so, int lo, byte[] source, int sourceLength, long gas) {
    long memOffset = position(s, mo);
    long length = position(s, lo);
    if (length == OVERSIZED) {
      return -1;
    }
    gas -= copyCost(length);
    if (gas < 0) {
      return gas;
    }
    gas = expand(f, gas, memOffset, length);
    if (gas < 0 || length == 0) {
      return gas;
    }
    long sourceOffset = position(s, so);
    f.memory.copyPadded((int) memOffset, source, sourceOffset, sourceLength, (int) length);
    return gas;
  }

  /** CALLDATALOAD: 32 bytes of input at the offset on top, zero-padded. */
  static void calldataload(Frame f, long[] s, int t) {
    byte[] input = f.input;
    long offset = position(s, t);
    if (offset >= input.length) {
      WordMath.zero(s, t);
      return;
    }
    int o = (int) offset;
    if (o + 32 <= input.length) {
      s[t + 3] = (long) LONG_BE.get(input, o);
      s[t + 2] = (long) LONG_BE.get(input, o + 8);
      s[t + 1] = (long) LONG_BE.get(input, o + 16);
      s[t] = (long) LONG_BE.get(input, o + 24);
      return;
    }
    long l3 = 0, l2 = 0, l1 = 0, l0 = 0;
    for (int i = 0; i < 32; i++) {
      long b = o + i < input.length ? input[o + i] & 0xffL : 0;
      switch (i >>> 3) {
        case 0 -> l3 = (l3 << 8) | b;
        case 1 -> l2 = (l2 << 8) | b;
        case 2 -> l1 = (l1 << 8) | b;
        default -> l0 = (l0 << 8) | b;
      }
    }
    WordMath.set(s, t, l0, l1, l2, l3);
  }
}
