package io.merapi.evm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** PUSH, DUP and SWAP on the limb stack ({@link WordMath} layout). */
final class StackOps {
  private static final VarHandle LONG_BE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private StackOps() {}

  /** PUSH1: one immediate byte into the free word at {@code o}. */
  static void push1(byte[] code, int pc, long[] s, int o) {
    s[o] = code[pc + 1] & 0xffL;
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
  }

  /** PUSH2: two immediate bytes (jump targets). */
  static void push2(byte[] code, int pc, long[] s, int o) {
    s[o] = ((code[pc + 1] & 0xffL) << 8) | (code[pc + 2] & 0xffL);
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
  }

  /** PUSH32: four big-endian longs; the code is padded so the read never runs off the end. */
  static void push32(byte[] code, int pc, long[] s, int o) {
    s[o + 3] = (long) LONG_BE.get(code, pc + 1);
    s[o + 2] = (long) LONG_BE.get(code, pc + 9);
    s[o + 1] = (long) LONG_BE.get(code, pc + 17);
    s[o] = (long) LONG_BE.get(code, pc + 25);
  }

  /** PUSHn for any n from 1 to 32. */
  static void pushN(byte[] code, int pc, int n, long[] s, int o) {
    int start = pc + 1;
    int end = start + n; // exclusive
    for (int limb = 0; limb < 4; limb++) {
      int hi = end - 8 * limb;
      int lo = Math.max(start, hi - 8);
      long v = 0;
      if (hi - lo == 8) {
        v = (long) LONG_BE.get(code, lo);
      } else {
        for (int i = lo; i < hi; i++) {
          v = (v << 8) | (code[i] & 0xffL);
        }
      }
      s[o + limb] = v;
    }
  }

  /** DUPn: copies the word n-1 below the top (at {@code t}) to the free word above it. */
  static void dup(long[] s, int t, int n) {
    int from = t - ((n - 1) << 2);
    s[t + 4] = s[from];
    s[t + 5] = s[from + 1];
    s[t + 6] = s[from + 2];
    s[t + 7] = s[from + 3];
  }

  /** SWAPn: exchanges the top word with the one n below it. */
  static void swap(long[] s, int t, int n) {
    int o = t - (n << 2);
    long x0 = s[t], x1 = s[t + 1], x2 = s[t + 2], x3 = s[t + 3];
    s[t] = s[o];
    s[t + 1] = s[o + 1];
    s[t + 2] = s[o + 2];
    s[t + 3] = s[o + 3];
    s[o] = x0;
    s[o + 1] = x1;
    s[o + 2] = x2;
    s[o + 3] = x3;
  }

  /** Pushes an unsigned 64-bit value into the free word at {@code o}. */
  static void pushLong(long[] s, int o, long v) {
    s[o] = v;
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
  }
}
