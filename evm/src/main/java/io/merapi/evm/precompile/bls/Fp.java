package io.merapi.evm.precompile.bls;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * An element of the BLS12-381 base field F_p (p = 0x1a0111ea...aaab, EIP-2537), immutable, in
 * Montgomery form: six little-endian 64-bit limbs hold {@code a * 2^384 mod p}, fully reduced.
 *
 * <p>Immutable values keep the tower and curve code short and obviously correct; the JIT removes
 * most of the short-lived allocations. BigInteger is used only for constants and tests.
 */
final class Fp implements Field<Fp> {
  static final BigInteger MODULUS =
      new BigInteger(
          "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
          16);
  static final int LIMBS = 6;
  static final int ENCODED_LENGTH = 48;
  private static final long[] P = limbs(MODULUS);

  /** -p^-1 mod 2^64, the Montgomery reduction factor. */
  private static final long INV =
      BigInteger.ONE
          .shiftLeft(64)
          .subtract(MODULUS.modInverse(BigInteger.ONE.shiftLeft(64)))
          .longValue();

  private static final BigInteger R = BigInteger.ONE.shiftLeft(384).mod(MODULUS);
  private static final long[] R2 = limbs(R.multiply(R).mod(MODULUS));
  private static final long[] P_MINUS_2 = limbs(MODULUS.subtract(BigInteger.TWO));
  private static final long[] SQRT_EXPONENT = limbs(MODULUS.add(BigInteger.ONE).shiftRight(2));
  private static final long[] LEGENDRE_EXPONENT =
      limbs(MODULUS.subtract(BigInteger.ONE).shiftRight(1));

  static final Fp ZERO = new Fp(new long[LIMBS]);
  static final Fp ONE = new Fp(limbs(R));

  private final long[] v;

  private Fp(long[] v) {
    this.v = v;
  }

  /** {@code value mod p} (cold paths: constants and tests). */
  static Fp of(BigInteger value) {
    return new Fp(limbs(value.mod(MODULUS).multiply(R).mod(MODULUS)));
  }

  static Fp of(long value) {
    return of(BigInteger.valueOf(value));
  }

  static Fp of(String hex) {
    return of(new BigInteger(hex, 16));
  }

  /**
   * The 48-byte big-endian integer at {@code offset}, or null when it is not below p (EIP-2537
   * rejects non-canonical coordinates rather than reducing them).
   */
  static Fp fromBytes(byte[] in, int offset) {
    long[] a = new long[LIMBS];
    for (int i = 0; i < LIMBS; i++) {
      a[LIMBS - 1 - i] = readLong(in, offset + 8 * i);
    }
    if (compare(a, P) >= 0) {
      return null;
    }
    return new Fp(montMul(a, R2));
  }

  /** Writes the canonical 48-byte big-endian value at {@code offset}. */
  void toBytes(byte[] out, int offset) {
    long[] plain = montMul(v, new long[] {1, 0, 0, 0, 0, 0});
    for (int i = 0; i < LIMBS; i++) {
      writeLong(out, offset + 8 * i, plain[LIMBS - 1 - i]);
    }
  }

  BigInteger toBigInteger() {
    byte[] bytes = new byte[ENCODED_LENGTH];
    toBytes(bytes, 0);
    return new BigInteger(1, bytes);
  }

  @Override
  public Fp add(Fp y) {
    long[] r = new long[LIMBS];
    long carry = 0;
    for (int i = 0; i < LIMBS; i++) {
      long a = v[i];
      long s = a + y.v[i];
      long c1 = Long.compareUnsigned(s, a) < 0 ? 1 : 0;
      long s2 = s + carry;
      long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
      r[i] = s2;
      carry = c1 | c2;
    }
    // x + y < 2p < 2^384: no carry out of the top limb.
    reduceOnce(r);
    return new Fp(r);
  }

  @Override
  public Fp sub(Fp y) {
    long[] r = new long[LIMBS];
    long borrow = subInto(v, y.v, r);
    if (borrow != 0) {
      addInto(r, P);
    }
    return new Fp(r);
  }

  @Override
  public Fp neg() {
    if (isZero()) {
      return this;
    }
    long[] r = new long[LIMBS];
    subInto(P, v, r);
    return new Fp(r);
  }

  @Override
  public Fp dbl() {
    return add(this);
  }

  @Override
  public Fp mul(Fp y) {
    return new Fp(montMul(v, y.v));
  }

  @Override
  public Fp square() {
    return new Fp(montMul(v, v));
  }

  @Override
  public Fp inverse() {
    return pow(P_MINUS_2);
  }

  @Override
  public boolean isZero() {
    long acc = 0;
    for (long limb : v) {
      acc |= limb;
    }
    return acc == 0;
  }

  @Override
  public boolean isOne() {
    return equals(ONE);
  }

  /** A square root when this is a square (p = 3 mod 4: this^((p+1)/4)), else null. */
  @Override
  public Fp sqrt() {
    Fp root = pow(SQRT_EXPONENT);
    return root.square().equals(this) ? root : null;
  }

  /** Whether this is a square (zero included), by Euler's criterion. */
  boolean isSquare() {
    Fp legendre = pow(LEGENDRE_EXPONENT);
    return legendre.isZero() || legendre.isOne();
  }

  /** RFC 9380 sgn0: the parity of the canonical integer. */
  @Override
  public int sgn0() {
    return (int) (montMul(v, new long[] {1, 0, 0, 0, 0, 0})[0] & 1);
  }

  /** this^e for an exponent given as little-endian limbs. */
  Fp pow(long[] exponent) {
    long[] result = ONE.v;
    for (int i = exponent.length * 64 - 1; i >= 0; i--) {
      result = montMul(result, result);
      if (((exponent[i >>> 6] >>> (i & 63)) & 1) != 0) {
        result = montMul(result, v);
      }
    }
    return new Fp(result);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fp other && Arrays.equals(v, other.v);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(v);
  }

  @Override
  public String toString() {
    return "0x" + toBigInteger().toString(16);
  }

  /** Montgomery product a * b * 2^-384 mod p (CIOS), fully reduced. */
  private static long[] montMul(long[] a, long[] b) {
    long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6 = 0;
    for (int i = 0; i < LIMBS; i++) {
      long bi = b[i];
      // t += a * b[i]
      long lo;
      long hi;
      long c;
      lo = a[0] * bi;
      hi = Math.unsignedMultiplyHigh(a[0], bi);
      lo += t0;
      hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
      t0 = lo;
      c = hi;
      lo = a[1] * bi;
      hi = Math.unsignedMultiplyHigh(a[1], bi);
      lo += t1;
      hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t1 = lo;
      c = hi;
      lo = a[2] * bi;
      hi = Math.unsignedMultiplyHigh(a[2], bi);
      lo += t2;
      hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t2 = lo;
      c = hi;
      lo = a[3] * bi;
      hi = Math.unsignedMultiplyHigh(a[3], bi);
      lo += t3;
      hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t3 = lo;
      c = hi;
      lo = a[4] * bi;
      hi = Math.unsignedMultiplyHigh(a[4], bi);
      lo += t4;
      hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t4 = lo;
      c = hi;
      lo = a[5] * bi;
      hi = Math.unsignedMultiplyHigh(a[5], bi);
      lo += t5;
      hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t5 = lo;
      t6 = hi; // t6 was zero: the previous round left the result below 2p < 2^384

      // t = (t + m * p) / 2^64
      long m = t0 * INV;
      lo = m * P[0];
      hi = Math.unsignedMultiplyHigh(m, P[0]);
      lo += t0;
      hi += Long.compareUnsigned(lo, t0) < 0 ? 1 : 0;
      c = hi;
      lo = m * P[1];
      hi = Math.unsignedMultiplyHigh(m, P[1]);
      lo += t1;
      hi += Long.compareUnsigned(lo, t1) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t0 = lo;
      c = hi;
      lo = m * P[2];
      hi = Math.unsignedMultiplyHigh(m, P[2]);
      lo += t2;
      hi += Long.compareUnsigned(lo, t2) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t1 = lo;
      c = hi;
      lo = m * P[3];
      hi = Math.unsignedMultiplyHigh(m, P[3]);
      lo += t3;
      hi += Long.compareUnsigned(lo, t3) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t2 = lo;
      c = hi;
      lo = m * P[4];
      hi = Math.unsignedMultiplyHigh(m, P[4]);
      lo += t4;
      hi += Long.compareUnsigned(lo, t4) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t3 = lo;
      c = hi;
      lo = m * P[5];
      hi = Math.unsignedMultiplyHigh(m, P[5]);
      lo += t5;
      hi += Long.compareUnsigned(lo, t5) < 0 ? 1 : 0;
      lo += c;
      hi += Long.compareUnsigned(lo, c) < 0 ? 1 : 0;
      t4 = lo;
      c = hi;
      t5 = t6 + c;
    }
    long[] r = {t0, t1, t2, t3, t4, t5};
    reduceOnce(r);
    return r;
  }

  private static void reduceOnce(long[] r) {
    if (compare(r, P) >= 0) {
      subInto(r, P, r);
    }
  }

  /** r = a - b over six limbs; returns the borrow out. */
  private static long subInto(long[] a, long[] b, long[] r) {
    long borrow = 0;
    for (int i = 0; i < LIMBS; i++) {
      long ai = a[i];
      long d = ai - b[i];
      long b1 = Long.compareUnsigned(ai, b[i]) < 0 ? 1 : 0;
      long d2 = d - borrow;
      long b2 = Long.compareUnsigned(d, borrow) < 0 ? 1 : 0;
      r[i] = d2;
      borrow = b1 | b2;
    }
    return borrow;
  }

  private static void addInto(long[] r, long[] b) {
    long carry = 0;
    for (int i = 0; i < LIMBS; i++) {
      long a = r[i];
      long s = a + b[i];
      long c1 = Long.compareUnsigned(s, a) < 0 ? 1 : 0;
      long s2 = s + carry;
      long c2 = Long.compareUnsigned(s2, s) < 0 ? 1 : 0;
      r[i] = s2;
      carry = c1 | c2;
    }
  }

  private static int compare(long[] a, long[] b) {
    for (int i = LIMBS - 1; i >= 0; i--) {
      int c = Long.compareUnsigned(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /** The little-endian 64-bit limbs of a non-negative integer (at least six). */
  static long[] limbs(BigInteger value) {
    int n = Math.max(LIMBS, (value.bitLength() + 63) / 64);
    long[] out = new long[n];
    for (int i = 0; i < n; i++) {
      out[i] = value.shiftRight(64 * i).longValue();
    }
    return out;
  }

  private static long readLong(byte[] in, int offset) {
    long r = 0;
    for (int i = 0; i < 8; i++) {
      r = (r << 8) | (in[offset + i] & 0xffL);
    }
    return r;
  }

  private static void writeLong(byte[] out, int offset, long value) {
    for (int i = 7; i >= 0; i--) {
      out[offset + i] = (byte) value;
      value >>>= 8;
    }
  }
}
