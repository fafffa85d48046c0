package io.merapi.evm;

/**
 * 256-bit EVM word arithmetic in place on a {@code long[]} stack. A word at offset {@code o} is
 * four limbs, least significant first: {@code s[o]} holds bits 0-63 and {@code s[o+3]} bits
 * 192-255. Binary operations take their first operand from the top word at {@code t} and the second
 * from {@code t-4} and leave the result at {@code t-4}, as the instruction pops two and pushes one.
 * Nothing here allocates except the general-case division, which uses the caller's scratch array
 * (benchmarked by {@code io.merapi.bench.OpcodeBenchmark}).
 */
public final class WordMath {
  private WordMath() {}

  static boolean ult(long x, long y) {
    return (x ^ Long.MIN_VALUE) < (y ^ Long.MIN_VALUE);
  }

  static void zero(long[] s, int o) {
    s[o] = 0;
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
  }

  static void set(long[] s, int o, long v0, long v1, long v2, long v3) {
    s[o] = v0;
    s[o + 1] = v1;
    s[o + 2] = v2;
    s[o + 3] = v3;
  }

  static void setSmall(long[] s, int o, long v) {
    s[o] = v;
    s[o + 1] = 0;
    s[o + 2] = 0;
    s[o + 3] = 0;
  }

  static boolean isZero(long[] s, int o) {
    return (s[o] | s[o + 1] | s[o + 2] | s[o + 3]) == 0;
  }

  // ---- arithmetic ----

  public static void add(long[] s, int t) {
    int d = t - 4;
    long a0 = s[t], a1 = s[t + 1], a2 = s[t + 2], a3 = s[t + 3];
    long b0 = s[d], b1 = s[d + 1], b2 = s[d + 2], b3 = s[d + 3];
    long r0 = a0 + b0;
    long c = ((a0 & b0) | ((a0 | b0) & ~r0)) >>> 63;
    long r1 = a1 + b1 + c;
    c = ((a1 & b1) | ((a1 | b1) & ~r1)) >>> 63;
    long r2 = a2 + b2 + c;
    c = ((a2 & b2) | ((a2 | b2) & ~r2)) >>> 63;
    s[d] = r0;
    s[d + 1] = r1;
    s[d + 2] = r2;
    s[d + 3] = a3 + b3 + c;
  }

  public static void sub(long[] s, int t) {
    int d = t - 4;
    long a0 = s[t], a1 = s[t + 1], a2 = s[t + 2], a3 = s[t + 3];
    long b0 = s[d], b1 = s[d + 1], b2 = s[d + 2], b3 = s[d + 3];
    long r0 = a0 - b0;
    long c = ((~a0 & b0) | ((~a0 | b0) & r0)) >>> 63;
    long r1 = a1 - b1 - c;
    c = ((~a1 & b1) | ((~a1 | b1) & r1)) >>> 63;
    long r2 = a2 - b2 - c;
    c = ((~a2 & b2) | ((~a2 | b2) & r2)) >>> 63;
    s[d] = r0;
    s[d + 1] = r1;
    s[d + 2] = r2;
    s[d + 3] = a3 - b3 - c;
  }

  public static void mul(long[] s, int t) {
    mul(s, t, s, t - 4, s, t - 4);
  }

  /** {@code out = x * y mod 2^256}; the operands may alias the output. */
  static void mul(long[] x, int xo, long[] y, int yo, long[] out, int oo) {
    long a0 = x[xo], a1 = x[xo + 1], a2 = x[xo + 2], a3 = x[xo + 3];
    long b0 = y[yo], b1 = y[yo + 1], b2 = y[yo + 2], b3 = y[yo + 3];
    if ((a1 | a2 | a3 | b1 | b2 | b3) == 0) {
      out[oo] = a0 * b0;
      out[oo + 1] = Math.unsignedMultiplyHigh(a0, b0);
      out[oo + 2] = 0;
      out[oo + 3] = 0;
      return;
    }
    // Row b0.
    long r0 = a0 * b0;
    long c = Math.unsignedMultiplyHigh(a0, b0);
    long p = a1 * b0;
    long r1 = p + c;
    c = Math.unsignedMultiplyHigh(a1, b0) + (ult(r1, p) ? 1 : 0);
    p = a2 * b0;
    long r2 = p + c;
    c = Math.unsignedMultiplyHigh(a2, b0) + (ult(r2, p) ? 1 : 0);
    long r3 = a3 * b0 + c;
    // Row b1, shifted one limb.
    p = a0 * b1;
    long x1 = r1 + p;
    c = Math.unsignedMultiplyHigh(a0, b1) + (ult(x1, p) ? 1 : 0);
    r1 = x1;
    p = a1 * b1;
    long x2 = r2 + p;
    long h = Math.unsignedMultiplyHigh(a1, b1) + (ult(x2, p) ? 1 : 0);
    x2 += c;
    h += ult(x2, c) ? 1 : 0;
    r2 = x2;
    r3 += a2 * b1 + h;
    // Row b2, shifted two limbs.
    p = a0 * b2;
    x2 = r2 + p;
    c = Math.unsignedMultiplyHigh(a0, b2) + (ult(x2, p) ? 1 : 0);
    r2 = x2;
    r3 += a1 * b2 + c;
    // Row b3.
    r3 += a0 * b3;
    out[oo] = r0;
    out[oo + 1] = r1;
    out[oo + 2] = r2;
    out[oo + 3] = r3;
  }

  /** DIV: top / second, 0 when dividing by zero. */
  public static void div(long[] s, int t, long[] scratch) {
    int d = t - 4;
    long b1 = s[d + 1], b2 = s[d + 2], b3 = s[d + 3];
    long b0 = s[d];
    if ((b1 | b2 | b3) == 0) {
      if (b0 == 0) {
        zero(s, d);
        return;
      }
      long a1 = s[t + 1], a2 = s[t + 2], a3 = s[t + 3];
      if ((a1 | a2 | a3) == 0) {
        setSmall(s, d, Long.divideUnsigned(s[t], b0));
        return;
      }
      divideBySmall(s, t, b0, s, d);
      return;
    }
    if (compare(s, t, s, d) < 0) {
      zero(s, d);
      return;
    }
    divideLarge(s, t, s, d, scratch, true, s, d);
  }

  /** MOD: top mod second, 0 for a zero modulus. */
  public static void mod(long[] s, int t, long[] scratch) {
    int d = t - 4;
    long b0 = s[d], b1 = s[d + 1], b2 = s[d + 2], b3 = s[d + 3];
    if ((b1 | b2 | b3) == 0) {
      if (b0 == 0) {
        zero(s, d);
        return;
      }
      if ((s[t + 1] | s[t + 2] | s[t + 3]) == 0) {
        setSmall(s, d, Long.remainderUnsigned(s[t], b0));
        return;
      }
      setSmall(s, d, remainderBySmall(s[t + 3], s[t + 2], s[t + 1], s[t], b0));
      return;
    }
    int c = compare(s, t, s, d);
    if (c < 0) {
      System.arraycopy(s, t, s, d, 4);
      return;
    }
    if (c == 0) {
      zero(s, d);
      return;
    }
    divideLarge(s, t, s, d, scratch, false, s, d);
  }

  /** SDIV: signed division, truncating toward zero; -2^255 / -1 wraps to -2^255. */
  public static void sdiv(long[] s, int t, long[] scratch) {
    int d = t - 4;
    boolean negA = s[t + 3] < 0;
    boolean negB = s[d + 3] < 0;
    if (!negA && !negB) {
      div(s, t, scratch);
      return;
    }
    if (negA) {
      negate(s, t);
    }
    if (negB) {
      negate(s, d);
    }
    div(s, t, scratch);
    if (negA != negB) {
      negate(s, d);
    }
  }

  /** SMOD: signed remainder with the sign of the dividend. */
  public static void smod(long[] s, int t, long[] scratch) {
    int d = t - 4;
    boolean negA = s[t + 3] < 0;
    boolean negB = s[d + 3] < 0;
    if (!negA && !negB) {
      mod(s, t, scratch);
      return;
    }
    if (negA) {
      negate(s, t);
    }
    if (negB) {
      negate(s, d);
    }
    mod(s, t, scratch);
    if (negA) {
      negate(s, d);
    }
  }

  /** ADDMOD: (top + second) mod third, with the 257-bit intermediate sum; 0 for modulus 0. */
  public static void addmod(long[] s, int t, long[] scratch) {
    int n = t - 8;
    if (isZero(s, n)) {
      return;
    }
    int b = t - 4;
    long a0 = s[t], a1 = s[t + 1], a2 = s[t + 2], a3 = s[t + 3];
    long b0 = s[b], b1 = s[b + 1], b2 = s[b + 2], b3 = s[b + 3];
    long r0 = a0 + b0;
    long c = ((a0 & b0) | ((a0 | b0) & ~r0)) >>> 63;
    long r1 = a1 + b1 + c;
    c = ((a1 & b1) | ((a1 | b1) & ~r1)) >>> 63;
    long r2 = a2 + b2 + c;
    c = ((a2 & b2) | ((a2 | b2) & ~r2)) >>> 63;
    long r3 = a3 + b3 + c;
    c = ((a3 & b3) | ((a3 | b3) & ~r3)) >>> 63;
    scratch[0] = r0;
    scratch[1] = r1;
    scratch[2] = r2;
    scratch[3] = r3;
    scratch[4] = c;
    reduce(scratch, 0, c == 0 ? 4 : 5, s, n, scratch);
  }

  /** MULMOD: (top * second) mod third, with the 512-bit intermediate product; 0 for modulus 0. */
  public static void mulmod(long[] s, int t, long[] scratch) {
    int n = t - 8;
    if (isZero(s, n)) {
      return;
    }
    multiplyFull(s, t, s, t - 4, scratch, 0);
    int len = 8;
    while (len > 0 && scratch[len - 1] == 0) {
      len--;
    }
    reduce(scratch, 0, len, s, n, scratch);
  }

  /** EXP: top ** second mod 2^256, by square-and-multiply in the scratch array. */
  public static void exp(long[] s, int t, long[] scratch) {
    int d = t - 4;
    long e0 = s[d], e1 = s[d + 1], e2 = s[d + 2], e3 = s[d + 3];
    if ((e0 | e1 | e2 | e3) == 0) {
      setSmall(s, d, 1);
      return;
    }
    long a0 = s[t], a1 = s[t + 1], a2 = s[t + 2], a3 = s[t + 3];
    if ((a1 | a2 | a3) == 0 && Long.compareUnsigned(a0, 1) <= 0) {
      setSmall(s, d, a0); // 0^e = 0, 1^e = 1 for e > 0
      return;
    }
    if ((a1 | a2 | a3) == 0 && a0 == 2) {
      if ((e1 | e2 | e3) != 0 || Long.compareUnsigned(e0, 256) >= 0) {
        zero(s, d);
      } else {
        zero(s, d);
        s[d + ((int) e0 >>> 6)] = 1L << e0;
      }
      return;
    }
    // result in scratch[0..4), base in scratch[4..8)
    setSmall(scratch, 0, 1);
    scratch[4] = a0;
    scratch[5] = a1;
    scratch[6] = a2;
    scratch[7] = a3;
    int bits = bitLength(e0, e1, e2, e3);
    for (int i = 0; i < bits; i++) {
      long limb = i < 64 ? e0 : i < 128 ? e1 : i < 192 ? e2 : e3;
      if (((limb >>> (i & 63)) & 1) != 0) {
        mul(scratch, 0, scratch, 4, scratch, 0);
      }
      if (i + 1 < bits) {
        mul(scratch, 4, scratch, 4, scratch, 4);
      }
    }
    System.arraycopy(scratch, 0, s, d, 4);
  }

  /** Bytes in the exponent's minimal big-endian form, for EXP's dynamic gas. */
  public static int byteLength(long[] s, int o) {
    return (bitLength(s[o], s[o + 1], s[o + 2], s[o + 3]) + 7) >>> 3;
  }

  static int bitLength(long v0, long v1, long v2, long v3) {
    if (v3 != 0) {
      return 256 - Long.numberOfLeadingZeros(v3);
    }
    if (v2 != 0) {
      return 192 - Long.numberOfLeadingZeros(v2);
    }
    if (v1 != 0) {
      return 128 - Long.numberOfLeadingZeros(v1);
    }
    return 64 - Long.numberOfLeadingZeros(v0);
  }

  /** SIGNEXTEND: extends the sign of byte {@code top} (counted from the least significant). */
  public static void signextend(long[] s, int t) {
    int d = t - 4;
    if ((s[t + 1] | s[t + 2] | s[t + 3]) != 0 || Long.compareUnsigned(s[t], 31) >= 0) {
      return;
    }
    int bit = (int) s[t] * 8 + 7;
    int limb = bit >>> 6;
    int k = bit & 63;
    boolean negative = ((s[d + limb] >>> k) & 1) != 0;
    long high = k == 63 ? 0 : -1L << (k + 1);
    if (negative) {
      s[d + limb] |= high;
    } else {
      s[d + limb] &= ~high;
    }
    long fill = negative ? -1L : 0;
    for (int i = limb + 1; i < 4; i++) {
      s[d + i] = fill;
    }
  }

  // ---- comparison and bitwise ----

  /** Unsigned comparison of two words. */
  static int compare(long[] x, int xo, long[] y, int yo) {
    for (int i = 3; i >= 0; i--) {
      if (x[xo + i] != y[yo + i]) {
        return ult(x[xo + i], y[yo + i]) ? -1 : 1;
      }
    }
    return 0;
  }

  public static void lt(long[] s, int t) {
    setSmall(s, t - 4, compare(s, t, s, t - 4) < 0 ? 1 : 0);
  }

  public static void gt(long[] s, int t) {
    setSmall(s, t - 4, compare(s, t, s, t - 4) > 0 ? 1 : 0);
  }

  public static void slt(long[] s, int t) {
    setSmall(s, t - 4, signedCompare(s, t, t - 4) < 0 ? 1 : 0);
  }

  public static void sgt(long[] s, int t) {
    setSmall(s, t - 4, signedCompare(s, t, t - 4) > 0 ? 1 : 0);
  }

  private static int signedCompare(long[] s, int a, int b) {
    if (s[a + 3] != s[b + 3]) {
      return s[a + 3] < s[b + 3] ? -1 : 1;
    }
    return compare(s, a, s, b);
  }

  public static void eq(long[] s, int t) {
    int d = t - 4;
    boolean eq =
        ((s[t] ^ s[d]) | (s[t + 1] ^ s[d + 1]) | (s[t + 2] ^ s[d + 2]) | (s[t + 3] ^ s[d + 3]))
            == 0;
    setSmall(s, d, eq ? 1 : 0);
  }

  public static void iszero(long[] s, int t) {
    setSmall(s, t, isZero(s, t) ? 1 : 0);
  }

  public static void and(long[] s, int t) {
    int d = t - 4;
    s[d] &= s[t];
    s[d + 1] &= s[t + 1];
    s[d + 2] &= s[t + 2];
    s[d + 3] &= s[t + 3];
  }

  public static void or(long[] s, int t) {
    int d = t - 4;
    s[d] |= s[t];
    s[d + 1] |= s[t + 1];
    s[d + 2] |= s[t + 2];
    s[d + 3] |= s[t + 3];
  }

  public static void xor(long[] s, int t) {
    int d = t - 4;
    s[d] ^= s[t];
    s[d + 1] ^= s[t + 1];
    s[d + 2] ^= s[t + 2];
    s[d + 3] ^= s[t + 3];
  }

  public static void not(long[] s, int t) {
    s[t] = ~s[t];
    s[t + 1] = ~s[t + 1];
    s[t + 2] = ~s[t + 2];
    s[t + 3] = ~s[t + 3];
  }

  /** CLZ (EIP-7939): the number of leading zero bits of the top word, 256 for zero. */
  public static void clz(long[] s, int t) {
    long v3 = s[t + 3], v2 = s[t + 2], v1 = s[t + 1];
    int n;
    if (v3 != 0) {
      n = Long.numberOfLeadingZeros(v3);
    } else if (v2 != 0) {
      n = 64 + Long.numberOfLeadingZeros(v2);
    } else if (v1 != 0) {
      n = 128 + Long.numberOfLeadingZeros(v1);
    } else {
      n = 192 + Long.numberOfLeadingZeros(s[t]);
    }
    set(s, t, n, 0, 0, 0);
  }

  /** BYTE: byte {@code top} of the second word, counted from the most significant. */
  public static void byteOp(long[] s, int t) {
    int d = t - 4;
    if ((s[t + 1] | s[t + 2] | s[t + 3]) != 0 || Long.compareUnsigned(s[t], 32) >= 0) {
      zero(s, d);
      return;
    }
    int fromRight = 31 - (int) s[t];
    setSmall(s, d, (s[d + (fromRight >>> 3)] >>> ((fromRight & 7) << 3)) & 0xff);
  }

  /** SHL: the second word shifted left by {@code top} bits. */
  public static void shl(long[] s, int t) {
    int d = t - 4;
    if ((s[t + 1] | s[t + 2] | s[t + 3]) != 0 || Long.compareUnsigned(s[t], 256) >= 0) {
      zero(s, d);
      return;
    }
    int shift = (int) s[t];
    int limbs = shift >>> 6;
    int bits = shift & 63;
    long v0 = s[d], v1 = s[d + 1], v2 = s[d + 2], v3 = s[d + 3];
    long r0, r1, r2, r3;
    switch (limbs) {
      case 0 -> {
        r0 = v0;
        r1 = v1;
        r2 = v2;
        r3 = v3;
      }
      case 1 -> {
        r0 = 0;
        r1 = v0;
        r2 = v1;
        r3 = v2;
      }
      case 2 -> {
        r0 = 0;
        r1 = 0;
        r2 = v0;
        r3 = v1;
      }
      default -> {
        r0 = 0;
        r1 = 0;
        r2 = 0;
        r3 = v0;
      }
    }
    if (bits != 0) {
      int back = 64 - bits;
      r3 = (r3 << bits) | (r2 >>> back);
      r2 = (r2 << bits) | (r1 >>> back);
      r1 = (r1 << bits) | (r0 >>> back);
      r0 = r0 << bits;
    }
    set(s, d, r0, r1, r2, r3);
  }

  /** SHR: the second word shifted right (logically) by {@code top} bits. */
  public static void shr(long[] s, int t) {
    int d = t - 4;
    if ((s[t + 1] | s[t + 2] | s[t + 3]) != 0 || Long.compareUnsigned(s[t], 256) >= 0) {
      zero(s, d);
      return;
    }
    shiftRight(s, d, (int) s[t], 0);
  }

  /** SAR: the second word shifted right by {@code top} bits, filling with its sign. */
  public static void sar(long[] s, int t) {
    int d = t - 4;
    long fill = s[d + 3] >> 63;
    if ((s[t + 1] | s[t + 2] | s[t + 3]) != 0 || Long.compareUnsigned(s[t], 256) >= 0) {
      set(s, d, fill, fill, fill, fill);
      return;
    }
    shiftRight(s, d, (int) s[t], fill);
  }

  private static void shiftRight(long[] s, int d, int shift, long fill) {
    int limbs = shift >>> 6;
    int bits = shift & 63;
    long v0 = s[d], v1 = s[d + 1], v2 = s[d + 2], v3 = s[d + 3];
    long r0, r1, r2, r3;
    switch (limbs) {
      case 0 -> {
        r0 = v0;
        r1 = v1;
        r2 = v2;
        r3 = v3;
      }
      case 1 -> {
        r0 = v1;
        r1 = v2;
        r2 = v3;
        r3 = fill;
      }
      case 2 -> {
        r0 = v2;
        r1 = v3;
        r2 = fill;
        r3 = fill;
      }
      default -> {
        r0 = v3;
        r1 = fill;
        r2 = fill;
        r3 = fill;
      }
    }
    if (bits != 0) {
      int back = 64 - bits;
      r0 = (r0 >>> bits) | (r1 << back);
      r1 = (r1 >>> bits) | (r2 << back);
      r2 = (r2 >>> bits) | (r3 << back);
      r3 = (r3 >>> bits) | (fill << back);
    }
    set(s, d, r0, r1, r2, r3);
  }

  // ---- division internals ----

  static void negate(long[] s, int o) {
    long r0 = -s[o];
    long borrow = s[o] != 0 ? 1 : 0;
    long r1 = -s[o + 1] - borrow;
    borrow = (s[o + 1] | borrow) != 0 ? 1 : 0;
    long r2 = -s[o + 2] - borrow;
    borrow = (s[o + 2] | borrow) != 0 ? 1 : 0;
    long r3 = -s[o + 3] - borrow;
    set(s, o, r0, r1, r2, r3);
  }

  /**
   * The quotient of the 128-bit {@code (high:low)} divided by {@code divisor}, for {@code high <
   * divisor} (unsigned), so the quotient fits 64 bits. Hacker's Delight's divlu: two steps of a
   * 64-by-32-bit estimate on the normalized divisor.
   */
  static long divideUnsigned128(long high, long low, long divisor) {
    int shift = Long.numberOfLeadingZeros(divisor);
    long v = divisor << shift;
    long vHigh = v >>> 32;
    long vLow = v & 0xffffffffL;
    long un32 = shift == 0 ? high : (high << shift) | (low >>> (64 - shift));
    long un10 = low << shift;
    long un1 = un10 >>> 32;
    long un0 = un10 & 0xffffffffL;

    long q1 = Long.divideUnsigned(un32, vHigh);
    long rhat = un32 - q1 * vHigh;
    while (Long.compareUnsigned(q1, 0xffffffffL) > 0 || ult((rhat << 32) | un1, q1 * vLow)) {
      q1--;
      rhat += vHigh;
      if (Long.compareUnsigned(rhat, 0xffffffffL) > 0) {
        break;
      }
    }
    long un21 = (un32 << 32) + un1 - q1 * v;
    long q0 = Long.divideUnsigned(un21, vHigh);
    rhat = un21 - q0 * vHigh;
    while (Long.compareUnsigned(q0, 0xffffffffL) > 0 || ult((rhat << 32) | un0, q0 * vLow)) {
      q0--;
      rhat += vHigh;
      if (Long.compareUnsigned(rhat, 0xffffffffL) > 0) {
        break;
      }
    }
    return (q1 << 32) | q0;
  }

  /** Divides the word at {@code a} by a nonzero 64-bit divisor into {@code out[oo..]}. */
  private static void divideBySmall(long[] s, int a, long divisor, long[] out, int oo) {
    long u3 = s[a + 3], u2 = s[a + 2], u1 = s[a + 1], u0 = s[a];
    long q3 = Long.divideUnsigned(u3, divisor);
    long r = u3 - q3 * divisor;
    long q2 = divideUnsigned128(r, u2, divisor);
    r = u2 - q2 * divisor;
    long q1 = divideUnsigned128(r, u1, divisor);
    r = u1 - q1 * divisor;
    long q0 = divideUnsigned128(r, u0, divisor);
    set(out, oo, q0, q1, q2, q3);
  }

  private static long remainderBySmall(long u3, long u2, long u1, long u0, long divisor) {
    long r = Long.remainderUnsigned(u3, divisor);
    r = u2 - divideUnsigned128(r, u2, divisor) * divisor;
    r = u1 - divideUnsigned128(r, u1, divisor) * divisor;
    return u0 - divideUnsigned128(r, u0, divisor) * divisor;
  }

  /** The full 512-bit product of two words into {@code out[oo..oo+8)}. */
  static void multiplyFull(long[] x, int xo, long[] y, int yo, long[] out, int oo) {
    for (int i = 0; i < 8; i++) {
      out[oo + i] = 0;
    }
    for (int j = 0; j < 4; j++) {
      long b = y[yo + j];
      if (b == 0) {
        continue;
      }
      long carry = 0;
      for (int i = 0; i < 4; i++) {
        long a = x[xo + i];
        long lo = a * b;
        long hi = Math.unsignedMultiplyHigh(a, b);
        lo += carry;
        hi += ult(lo, carry) ? 1 : 0;
        long cur = out[oo + i + j];
        long sum = cur + lo;
        hi += ult(sum, cur) ? 1 : 0;
        out[oo + i + j] = sum;
        carry = hi;
      }
      out[oo + j + 4] = carry;
    }
  }

  /**
   * {@code u[uo..uo+uLen) mod m} where m is the word at {@code s[mo]} (nonzero), written over the
   * modulus. Uses scratch from index 16 on.
   */
  private static void reduce(long[] u, int uo, int uLen, long[] s, int mo, long[] scratch) {
    int n = 4;
    while (s[mo + n - 1] == 0) {
      n--;
    }
    if (n == 1) {
      long m = s[mo];
      long r = 0;
      for (int i = uLen - 1; i >= 0; i--) {
        long q = divideUnsigned128(r, u[uo + i], m);
        r = u[uo + i] - q * m;
      }
      setSmall(s, mo, r);
      return;
    }
    if (uLen < n || (uLen == n && compareLimbs(u, uo, s, mo, n) < 0)) {
      for (int i = 0; i < 4; i++) {
        s[mo + i] = i < uLen ? u[uo + i] : 0;
      }
      return;
    }
    knuthDivide(u, uo, uLen, s, mo, n, scratch, 16, false, s, mo);
  }

  private static int compareLimbs(long[] x, int xo, long[] y, int yo, int n) {
    for (int i = n - 1; i >= 0; i--) {
      if (x[xo + i] != y[yo + i]) {
        return ult(x[xo + i], y[yo + i]) ? -1 : 1;
      }
    }
    return 0;
  }

  /**
   * Divides the word at {@code a} by the word at {@code b} (at least two limbs, not above a) and
   * writes the quotient or the remainder to {@code out[oo..]}.
   */
  private static void divideLarge(
      long[] s, int a, long[] sb, int b, long[] scratch, boolean quotient, long[] out, int oo) {
    int n = 4;
    while (sb[b + n - 1] == 0) {
      n--;
    }
    int uLen = 4;
    while (s[a + uLen - 1] == 0) {
      uLen--;
    }
    knuthDivide(s, a, uLen, sb, b, n, scratch, 0, quotient, out, oo);
  }

  /**
   * Knuth's algorithm D (TAOCP 4.3.1) on 64-bit limbs: {@code u} of {@code uLen} limbs divided by
   * {@code v} of {@code n >= 2} limbs with a nonzero top limb, {@code uLen >= n}. Writes the
   * quotient (or the remainder) as a 256-bit word to {@code out[oo..]}. Needs 20 scratch longs from
   * {@code so}: the normalized dividend (up to 9 limbs), divisor (4) and quotient (up to 5).
   */
  private static void knuthDivide(
      long[] u,
      int uo,
      int uLen,
      long[] v,
      int vo,
      int n,
      long[] scratch,
      int so,
      boolean quotient,
      long[] out,
      int oo) {
    int un = so; // uLen + 1 limbs
    int vn = so + 9; // n limbs
    int qo = so + 13; // uLen - n + 1 limbs
    int shift = Long.numberOfLeadingZeros(v[vo + n - 1]);
    int back = 64 - shift;
    for (int i = n - 1; i > 0; i--) {
      scratch[vn + i] = shift == 0 ? v[vo + i] : (v[vo + i] << shift) | (v[vo + i - 1] >>> back);
    }
    scratch[vn] = v[vo] << shift;
    scratch[un + uLen] = shift == 0 ? 0 : u[uo + uLen - 1] >>> back;
    for (int i = uLen - 1; i > 0; i--) {
      scratch[un + i] = shift == 0 ? u[uo + i] : (u[uo + i] << shift) | (u[uo + i - 1] >>> back);
    }
    scratch[un] = u[uo] << shift;

    long vTop = scratch[vn + n - 1];
    long vNext = scratch[vn + n - 2];
    int m = uLen - n;
    for (int j = m; j >= 0; j--) {
      long numHigh = scratch[un + j + n];
      long numLow = scratch[un + j + n - 1];
      long qhat;
      long rhat;
      boolean rhatOverflow;
      if (numHigh == vTop) {
        qhat = -1L;
        rhat = numLow + vTop;
        rhatOverflow = ult(rhat, numLow);
      } else {
        qhat = divideUnsigned128(numHigh, numLow, vTop);
        rhat = numLow - qhat * vTop;
        rhatOverflow = false;
      }
      long numNext = scratch[un + j + n - 2];
      while (!rhatOverflow) {
        long pHigh = Math.unsignedMultiplyHigh(qhat, vNext);
        long pLow = qhat * vNext;
        if (ult(rhat, pHigh) || (rhat == pHigh && ult(numNext, pLow))) {
          qhat--;
          long r = rhat + vTop;
          rhatOverflow = ult(r, rhat);
          rhat = r;
        } else {
          break;
        }
      }
      // Multiply and subtract qhat * v from u[j .. j+n].
      long borrow = 0;
      long carry = 0;
      for (int i = 0; i < n; i++) {
        long vi = scratch[vn + i];
        long pLow = qhat * vi;
        long pHigh = Math.unsignedMultiplyHigh(qhat, vi);
        pLow += carry;
        pHigh += ult(pLow, carry) ? 1 : 0;
        carry = pHigh;
        long cur = scratch[un + i + j];
        long diff = cur - pLow;
        long b1 = ult(cur, pLow) ? 1 : 0;
        long diff2 = diff - borrow;
        long b2 = ult(diff, borrow) ? 1 : 0;
        scratch[un + i + j] = diff2;
        borrow = b1 + b2;
      }
      long cur = scratch[un + j + n];
      long diff = cur - carry;
      long b1 = ult(cur, carry) ? 1 : 0;
      long diff2 = diff - borrow;
      long b2 = ult(diff, borrow) ? 1 : 0;
      scratch[un + j + n] = diff2;
      if (b1 + b2 != 0) {
        // qhat was one too large: add v back.
        qhat--;
        long c = 0;
        for (int i = 0; i < n; i++) {
          long x = scratch[un + i + j];
          long y = scratch[vn + i];
          long sum = x + y;
          long c1 = ult(sum, x) ? 1 : 0;
          long sum2 = sum + c;
          long c2 = ult(sum2, sum) ? 1 : 0;
          scratch[un + i + j] = sum2;
          c = c1 + c2;
        }
        scratch[un + j + n] += c;
      }
      scratch[qo + j] = qhat;
    }
    if (quotient) {
      for (int i = 0; i < 4; i++) {
        out[oo + i] = i <= m ? scratch[qo + i] : 0;
      }
    } else {
      for (int i = 0; i < 4; i++) {
        if (i < n) {
          long lo = scratch[un + i];
          long hi = scratch[un + i + 1];
          out[oo + i] = shift == 0 ? lo : (lo >>> shift) | (hi << back);
        } else {
          out[oo + i] = 0;
        }
      }
    }
  }
}
