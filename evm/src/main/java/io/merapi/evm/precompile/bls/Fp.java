package io.merapi.evm.precompile.bls;

import java.math.BigInteger;

/**
 * An element of the BLS12-381 base field F_p (p = 0x1a0111ea...aaab, EIP-2537), immutable, in
 * Montgomery form: six little-endian 64-bit limbs hold {@code a * 2^384 mod p}, fully reduced.
 *
 * <p>Immutable values keep the tower and curve code short and obviously correct; the limbs are
 * fields rather than an array so that an operation allocates one small object, which the JIT often
 * removes. BigInteger is used only for constants and tests.
 */
final class Fp implements Field<Fp> {
  static final BigInteger MODULUS =
      new BigInteger(
          "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
          16);
  static final int LIMBS = 6;
  static final int ENCODED_LENGTH = 48;
  private static final long P0 = MODULUS.longValue();
  private static final long P1 = MODULUS.shiftRight(64).longValue();
  private static final long P2 = MODULUS.shiftRight(128).longValue();
  private static final long P3 = MODULUS.shiftRight(192).longValue();
  private static final long P4 = MODULUS.shiftRight(256).longValue();
  private static final long P5 = MODULUS.shiftRight(320).longValue();

  /** -p^-1 mod 2^64, the Montgomery reduction factor. */
  private static final long INV =
      BigInteger.ONE
          .shiftLeft(64)
          .subtract(MODULUS.modInverse(BigInteger.ONE.shiftLeft(64)))
          .longValue();

  private static final BigInteger R = BigInteger.ONE.shiftLeft(384).mod(MODULUS);
  private static final Fp R2 = raw(R.multiply(R).mod(MODULUS));
  private static final long[] P_MINUS_2 = limbs(MODULUS.subtract(BigInteger.TWO));
  private static final long[] SQRT_EXPONENT = limbs(MODULUS.add(BigInteger.ONE).shiftRight(2));

  static final Fp ZERO = new Fp(0, 0, 0, 0, 0, 0);
  static final Fp ONE = raw(R);

  private final long l0;
  private final long l1;
  private final long l2;
  private final long l3;
  private final long l4;
  private final long l5;

  private Fp(long l0, long l1, long l2, long l3, long l4, long l5) {
    this.l0 = l0;
    this.l1 = l1;
    this.l2 = l2;
    this.l3 = l3;
    this.l4 = l4;
    this.l5 = l5;
  }

  /** The limbs of {@code value} taken as they are (already in Montgomery form). */
  private static Fp raw(BigInteger value) {
    long[] l = limbs(value);
    return new Fp(l[0], l[1], l[2], l[3], l[4], l[5]);
  }

  /** {@code value mod p} (cold paths: constants and tests). */
  static Fp of(BigInteger value) {
    return raw(value.mod(MODULUS).multiply(R).mod(MODULUS));
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
    long a5 = readLong(in, offset);
    long a4 = readLong(in, offset + 8);
    long a3 = readLong(in, offset + 16);
    long a2 = readLong(in, offset + 24);
    long a1 = readLong(in, offset + 32);
    long a0 = readLong(in, offset + 40);
    Fp plain = new Fp(a0, a1, a2, a3, a4, a5);
    if (!plain.belowModulus()) {
      return null;
    }
    return plain.mul(R2);
  }

  /** Writes the canonical 48-byte big-endian value at {@code offset}. */
  void toBytes(byte[] out, int offset) {
    Fp plain = fromMontgomery();
    writeLong(out, offset, plain.l5);
    writeLong(out, offset + 8, plain.l4);
    writeLong(out, offset + 16, plain.l3);
    writeLong(out, offset + 24, plain.l2);
    writeLong(out, offset + 32, plain.l1);
    writeLong(out, offset + 40, plain.l0);
  }

  BigInteger toBigInteger() {
    byte[] bytes = new byte[ENCODED_LENGTH];
    toBytes(bytes, 0);
    return new BigInteger(1, bytes);
  }

  private Fp fromMontgomery() {
    return montMul(l0, l1, l2, l3, l4, l5, 1, 0, 0, 0, 0, 0);
  }

  @Override
  public Fp add(Fp y) {
    long s0 = l0 + y.l0;
    long c = carry(s0, l0);
    long s1 = l1 + y.l1 + c;
    c = carry3(l1, y.l1, s1, c);
    long s2 = l2 + y.l2 + c;
    c = carry3(l2, y.l2, s2, c);
    long s3 = l3 + y.l3 + c;
    c = carry3(l3, y.l3, s3, c);
    long s4 = l4 + y.l4 + c;
    c = carry3(l4, y.l4, s4, c);
    long s5 = l5 + y.l5 + c;
    // x + y < 2p < 2^384: no carry out of the top limb.
    return reduced(s0, s1, s2, s3, s4, s5);
  }

  @Override
  public Fp sub(Fp y) {
    long d0 = l0 - y.l0;
    long b = borrow(l0, y.l0, d0, 0);
    long d1 = l1 - y.l1 - b;
    b = borrow(l1, y.l1, d1, b);
    long d2 = l2 - y.l2 - b;
    b = borrow(l2, y.l2, d2, b);
    long d3 = l3 - y.l3 - b;
    b = borrow(l3, y.l3, d3, b);
    long d4 = l4 - y.l4 - b;
    b = borrow(l4, y.l4, d4, b);
    long d5 = l5 - y.l5 - b;
    b = borrow(l5, y.l5, d5, b);
    if (b == 0) {
      return new Fp(d0, d1, d2, d3, d4, d5);
    }
    long s0 = d0 + P0;
    long c = carry(s0, d0);
    long s1 = d1 + P1 + c;
    c = carry3(d1, P1, s1, c);
    long s2 = d2 + P2 + c;
    c = carry3(d2, P2, s2, c);
    long s3 = d3 + P3 + c;
    c = carry3(d3, P3, s3, c);
    long s4 = d4 + P4 + c;
    c = carry3(d4, P4, s4, c);
    long s5 = d5 + P5 + c;
    return new Fp(s0, s1, s2, s3, s4, s5);
  }

  @Override
  public Fp neg() {
    return isZero() ? this : ZERO.sub(this);
  }

  @Override
  public Fp dbl() {
    return add(this);
  }

  @Override
  public Fp mul(Fp y) {
    return montMul(l0, l1, l2, l3, l4, l5, y.l0, y.l1, y.l2, y.l3, y.l4, y.l5);
  }

  @Override
  public Fp square() {
    return montMul(l0, l1, l2, l3, l4, l5, l0, l1, l2, l3, l4, l5);
  }

  @Override
  public Fp inverse() {
    return pow(P_MINUS_2);
  }

  @Override
  public boolean isZero() {
    return (l0 | l1 | l2 | l3 | l4 | l5) == 0;
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

  /** RFC 9380 sgn0: the parity of the canonical integer. */
  @Override
  public int sgn0() {
    return (int) (fromMontgomery().l0 & 1);
  }

  /** this^e for an exponent given as little-endian limbs. */
  Fp pow(long[] exponent) {
    Fp result = ONE;
    for (int i = exponent.length * 64 - 1; i >= 0; i--) {
      result = result.square();
      if (((exponent[i >>> 6] >>> (i & 63)) & 1) != 0) {
        result = result.mul(this);
      }
    }
    return result;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Fp y
        && ((l0 ^ y.l0) | (l1 ^ y.l1) | (l2 ^ y.l2) | (l3 ^ y.l3) | (l4 ^ y.l4) | (l5 ^ y.l5)) == 0;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(l0 ^ l1 ^ l2 ^ l3 ^ l4 ^ l5);
  }

  @Override
  public String toString() {
    return "0x" + toBigInteger().toString(16);
  }

  /**
   * Montgomery product a * b * 2^-384 mod p (CIOS), fully reduced. The six rounds are written out
   * by hand on purpose: this is the innermost step of every pairing and multiplication, and with
   * the limbs in locals the JIT keeps them in registers, where a loop over arrays pays bounds
   * checks and memory traffic. (The repetition {@code duplicates} reports here is that.)
   */
  private static Fp montMul(
      long a0,
      long a1,
      long a2,
      long a3,
      long a4,
      long a5,
      long b0,
      long b1,
      long b2,
      long b3,
      long b4,
      long b5) {
    long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4 = 0, t5 = 0, t6;
    long lo, hi, c, m;
    // round 0: t += a * b0, then t = (t + m p) / 2^64
    lo = a0 * b0;
    hi = Math.unsignedMultiplyHigh(a0, b0);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = a1 * b0;
    hi = Math.unsignedMultiplyHigh(a1, b0);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = a2 * b0;
    hi = Math.unsignedMultiplyHigh(a2, b0);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = a3 * b0;
    hi = Math.unsignedMultiplyHigh(a3, b0);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = a4 * b0;
    hi = Math.unsignedMultiplyHigh(a4, b0);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    lo = a5 * b0;
    hi = Math.unsignedMultiplyHigh(a5, b0);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t5 = lo;
    c = hi;
    t6 = c;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    c = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = m * P4;
    hi = Math.unsignedMultiplyHigh(m, P4);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = m * P5;
    hi = Math.unsignedMultiplyHigh(m, P5);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    t5 = t6 + c;
    // round 1: t += a * b1, then t = (t + m p) / 2^64
    lo = a0 * b1;
    hi = Math.unsignedMultiplyHigh(a0, b1);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = a1 * b1;
    hi = Math.unsignedMultiplyHigh(a1, b1);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = a2 * b1;
    hi = Math.unsignedMultiplyHigh(a2, b1);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = a3 * b1;
    hi = Math.unsignedMultiplyHigh(a3, b1);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = a4 * b1;
    hi = Math.unsignedMultiplyHigh(a4, b1);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    lo = a5 * b1;
    hi = Math.unsignedMultiplyHigh(a5, b1);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t5 = lo;
    c = hi;
    t6 = c;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    c = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = m * P4;
    hi = Math.unsignedMultiplyHigh(m, P4);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = m * P5;
    hi = Math.unsignedMultiplyHigh(m, P5);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    t5 = t6 + c;
    // round 2: t += a * b2, then t = (t + m p) / 2^64
    lo = a0 * b2;
    hi = Math.unsignedMultiplyHigh(a0, b2);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = a1 * b2;
    hi = Math.unsignedMultiplyHigh(a1, b2);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = a2 * b2;
    hi = Math.unsignedMultiplyHigh(a2, b2);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = a3 * b2;
    hi = Math.unsignedMultiplyHigh(a3, b2);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = a4 * b2;
    hi = Math.unsignedMultiplyHigh(a4, b2);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    lo = a5 * b2;
    hi = Math.unsignedMultiplyHigh(a5, b2);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t5 = lo;
    c = hi;
    t6 = c;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    c = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = m * P4;
    hi = Math.unsignedMultiplyHigh(m, P4);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = m * P5;
    hi = Math.unsignedMultiplyHigh(m, P5);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    t5 = t6 + c;
    // round 3: t += a * b3, then t = (t + m p) / 2^64
    lo = a0 * b3;
    hi = Math.unsignedMultiplyHigh(a0, b3);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = a1 * b3;
    hi = Math.unsignedMultiplyHigh(a1, b3);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = a2 * b3;
    hi = Math.unsignedMultiplyHigh(a2, b3);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = a3 * b3;
    hi = Math.unsignedMultiplyHigh(a3, b3);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = a4 * b3;
    hi = Math.unsignedMultiplyHigh(a4, b3);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    lo = a5 * b3;
    hi = Math.unsignedMultiplyHigh(a5, b3);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t5 = lo;
    c = hi;
    t6 = c;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    c = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = m * P4;
    hi = Math.unsignedMultiplyHigh(m, P4);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = m * P5;
    hi = Math.unsignedMultiplyHigh(m, P5);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    t5 = t6 + c;
    // round 4: t += a * b4, then t = (t + m p) / 2^64
    lo = a0 * b4;
    hi = Math.unsignedMultiplyHigh(a0, b4);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = a1 * b4;
    hi = Math.unsignedMultiplyHigh(a1, b4);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = a2 * b4;
    hi = Math.unsignedMultiplyHigh(a2, b4);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = a3 * b4;
    hi = Math.unsignedMultiplyHigh(a3, b4);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = a4 * b4;
    hi = Math.unsignedMultiplyHigh(a4, b4);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    lo = a5 * b4;
    hi = Math.unsignedMultiplyHigh(a5, b4);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t5 = lo;
    c = hi;
    t6 = c;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    c = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = m * P4;
    hi = Math.unsignedMultiplyHigh(m, P4);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = m * P5;
    hi = Math.unsignedMultiplyHigh(m, P5);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    t5 = t6 + c;
    // round 5: t += a * b5, then t = (t + m p) / 2^64
    lo = a0 * b5;
    hi = Math.unsignedMultiplyHigh(a0, b5);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = a1 * b5;
    hi = Math.unsignedMultiplyHigh(a1, b5);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = a2 * b5;
    hi = Math.unsignedMultiplyHigh(a2, b5);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = a3 * b5;
    hi = Math.unsignedMultiplyHigh(a3, b5);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = a4 * b5;
    hi = Math.unsignedMultiplyHigh(a4, b5);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    lo = a5 * b5;
    hi = Math.unsignedMultiplyHigh(a5, b5);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t5 = lo;
    c = hi;
    t6 = c;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    lo += t0;
    hi += (Long.compareUnsigned(lo, t0) < 0 ? 1 : 0);
    c = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    lo += t1;
    hi += (Long.compareUnsigned(lo, t1) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t0 = lo;
    c = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    lo += t2;
    hi += (Long.compareUnsigned(lo, t2) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t1 = lo;
    c = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    lo += t3;
    hi += (Long.compareUnsigned(lo, t3) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t2 = lo;
    c = hi;
    lo = m * P4;
    hi = Math.unsignedMultiplyHigh(m, P4);
    lo += t4;
    hi += (Long.compareUnsigned(lo, t4) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t3 = lo;
    c = hi;
    lo = m * P5;
    hi = Math.unsignedMultiplyHigh(m, P5);
    lo += t5;
    hi += (Long.compareUnsigned(lo, t5) < 0 ? 1 : 0);
    lo += c;
    hi += (Long.compareUnsigned(lo, c) < 0 ? 1 : 0);
    t4 = lo;
    c = hi;
    t5 = t6 + c;
    return reduced(t0, t1, t2, t3, t4, t5);
  }

  /** r - p when r is at least p, else r, for r below 2p. */
  private static Fp reduced(long r0, long r1, long r2, long r3, long r4, long r5) {
    long d0 = r0 - P0;
    long b = borrow(r0, P0, d0, 0);
    long d1 = r1 - P1 - b;
    b = borrow(r1, P1, d1, b);
    long d2 = r2 - P2 - b;
    b = borrow(r2, P2, d2, b);
    long d3 = r3 - P3 - b;
    b = borrow(r3, P3, d3, b);
    long d4 = r4 - P4 - b;
    b = borrow(r4, P4, d4, b);
    long d5 = r5 - P5 - b;
    b = borrow(r5, P5, d5, b);
    return b != 0 ? new Fp(r0, r1, r2, r3, r4, r5) : new Fp(d0, d1, d2, d3, d4, d5);
  }

  private boolean belowModulus() {
    long d0 = l0 - P0;
    long b = borrow(l0, P0, d0, 0);
    long d1 = l1 - P1 - b;
    b = borrow(l1, P1, d1, b);
    long d2 = l2 - P2 - b;
    b = borrow(l2, P2, d2, b);
    long d3 = l3 - P3 - b;
    b = borrow(l3, P3, d3, b);
    long d4 = l4 - P4 - b;
    b = borrow(l4, P4, d4, b);
    long d5 = l5 - P5 - b;
    b = borrow(l5, P5, d5, b);
    return b != 0;
  }

  /** The carry out of {@code sum = a + b}. */
  private static long carry(long sum, long a) {
    return Long.compareUnsigned(sum, a) < 0 ? 1 : 0;
  }

  /** The carry out of {@code sum = a + b + carryIn} (carryIn 0 or 1). */
  private static long carry3(long a, long b, long sum, long carryIn) {
    return ((a & b) | ((a | b) & ~sum)) >>> 63;
  }

  /** The borrow out of {@code difference = a - b - borrowIn} (borrowIn 0 or 1). */
  private static long borrow(long a, long b, long difference, long borrowIn) {
    return ((~a & b) | (~(a ^ b) & difference)) >>> 63;
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
