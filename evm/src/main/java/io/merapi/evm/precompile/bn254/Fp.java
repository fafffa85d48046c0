package io.merapi.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * An element of the BN254 base field F_p (p = 0x30644e72...fd47, EIP-196), mutable, in Montgomery
 * form: the four little-endian 64-bit limbs hold {@code a * 2^256 mod p}, always fully reduced.
 *
 * <p>Methods write their result into {@code this} and read all their operands before writing, so
 * {@code this} may be one of them. The arithmetic allocates nothing (only inversion and encoding,
 * used once per call, create temporaries): a pairing performs tens of thousands of these operations
 * (measured by {@code io.merapi.bench.Bn254PairingBenchmark}). Carries and borrows are computed
 * without branches, since they depend on the data and mispredictions cost more than the arithmetic.
 */
final class Fp {
  static final BigInteger MODULUS =
      new BigInteger("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47", 16);

  static final long P0 = MODULUS.longValue();
  static final long P1 = MODULUS.shiftRight(64).longValue();
  static final long P2 = MODULUS.shiftRight(128).longValue();
  static final long P3 = MODULUS.shiftRight(192).longValue();

  /** -p^-1 mod 2^64, the Montgomery reduction factor. */
  static final long INV =
      BigInteger.ONE
          .shiftLeft(64)
          .subtract(MODULUS.modInverse(BigInteger.ONE.shiftLeft(64)))
          .longValue();

  private static final BigInteger R = BigInteger.ONE.shiftLeft(256).mod(MODULUS);
  private static final BigInteger R_SQUARED = R.multiply(R).mod(MODULUS);

  long l0;
  long l1;
  long l2;
  long l3;

  Fp() {}

  static Fp of(BigInteger value) {
    Fp fp = new Fp();
    fp.set(value);
    return fp;
  }

  static Fp one() {
    Fp fp = new Fp();
    fp.setOne();
    return fp;
  }

  Fp copy() {
    Fp fp = new Fp();
    fp.set(this);
    return fp;
  }

  void set(Fp x) {
    l0 = x.l0;
    l1 = x.l1;
    l2 = x.l2;
    l3 = x.l3;
  }

  /** Sets this to {@code value mod p} (cold paths: constants and tests). */
  void set(BigInteger value) {
    BigInteger montgomery = value.mod(MODULUS).multiply(R).mod(MODULUS);
    l0 = montgomery.longValue();
    l1 = montgomery.shiftRight(64).longValue();
    l2 = montgomery.shiftRight(128).longValue();
    l3 = montgomery.shiftRight(192).longValue();
  }

  void setZero() {
    l0 = 0;
    l1 = 0;
    l2 = 0;
    l3 = 0;
  }

  void setOne() {
    l0 = R.longValue();
    l1 = R.shiftRight(64).longValue();
    l2 = R.shiftRight(128).longValue();
    l3 = R.shiftRight(192).longValue();
  }

  boolean isZero() {
    return (l0 | l1 | l2 | l3) == 0;
  }

  boolean isEqual(Fp x) {
    return ((l0 ^ x.l0) | (l1 ^ x.l1) | (l2 ^ x.l2) | (l3 ^ x.l3)) == 0;
  }

  /**
   * Reads a 32-byte big-endian integer at {@code offset}; returns false, leaving this unspecified,
   * when it is not below p (EIP-196 rejects such coordinates rather than reducing them).
   */
  boolean setBytes(byte[] in, int offset) {
    long a3 = readLong(in, offset);
    long a2 = readLong(in, offset + 8);
    long a1 = readLong(in, offset + 16);
    long a0 = readLong(in, offset + 24);
    if (!lessThanModulus(a0, a1, a2, a3)) {
      return false;
    }
    mul(a0, a1, a2, a3, R2_0, R2_1, R2_2, R2_3);
    return true;
  }

  /** Writes the canonical 32-byte big-endian value at {@code offset}. */
  void toBytes(byte[] out, int offset) {
    Fp plain = new Fp();
    plain.mul(l0, l1, l2, l3, 1, 0, 0, 0);
    writeLong(out, offset, plain.l3);
    writeLong(out, offset + 8, plain.l2);
    writeLong(out, offset + 16, plain.l1);
    writeLong(out, offset + 24, plain.l0);
  }

  BigInteger toBigInteger() {
    byte[] bytes = new byte[32];
    toBytes(bytes, 0);
    return new BigInteger(1, bytes);
  }

  void add(Fp x, Fp y) {
    long s0 = x.l0 + y.l0;
    long c = carryOut(x.l0, y.l0, s0);
    long s1 = x.l1 + y.l1 + c;
    c = carryOut(x.l1, y.l1, s1);
    long s2 = x.l2 + y.l2 + c;
    c = carryOut(x.l2, y.l2, s2);
    long s3 = x.l3 + y.l3 + c;
    // x + y < 2p < 2^255: no carry out of the top limb.
    reduceOnce(s0, s1, s2, s3);
  }

  void dbl(Fp x) {
    add(x, x);
  }

  void sub(Fp x, Fp y) {
    long d0 = x.l0 - y.l0;
    long b = borrowOut(x.l0, y.l0, d0);
    long d1 = x.l1 - y.l1 - b;
    b = borrowOut(x.l1, y.l1, d1);
    long d2 = x.l2 - y.l2 - b;
    b = borrowOut(x.l2, y.l2, d2);
    long d3 = x.l3 - y.l3 - b;
    b = borrowOut(x.l3, y.l3, d3);
    // On borrow add p back; the mask keeps this free of data-dependent branches.
    long mask = -b;
    long s0 = d0 + (P0 & mask);
    long c = carryOut(d0, P0 & mask, s0);
    long s1 = d1 + (P1 & mask) + c;
    c = carryOut(d1, P1 & mask, s1);
    long s2 = d2 + (P2 & mask) + c;
    c = carryOut(d2, P2 & mask, s2);
    l0 = s0;
    l1 = s1;
    l2 = s2;
    l3 = d3 + (P3 & mask) + c;
  }

  void neg(Fp x) {
    if (x.isZero()) {
      setZero();
      return;
    }
    long d0 = P0 - x.l0;
    long b = borrowOut(P0, x.l0, d0);
    long d1 = P1 - x.l1 - b;
    b = borrowOut(P1, x.l1, d1);
    long d2 = P2 - x.l2 - b;
    b = borrowOut(P2, x.l2, d2);
    l0 = d0;
    l1 = d1;
    l2 = d2;
    l3 = P3 - x.l3 - b;
  }

  /**
   * this = 9x, the multiplication by the real part of xi = 9 + u: 9x = 8x + x as a 258-bit integer,
   * then an estimated quotient times p subtracted and one conditional subtraction, instead of three
   * doublings and an addition that each reduce.
   */
  void mulBy9(Fp x) {
    long x0 = x.l0, x1 = x.l1, x2 = x.l2, x3 = x.l3;
    long e0 = x0 << 3;
    long e1 = (x1 << 3) | (x0 >>> 61);
    long e2 = (x2 << 3) | (x1 >>> 61);
    long e3 = (x3 << 3) | (x2 >>> 61);
    long e4 = x3 >>> 61;
    long t0 = e0 + x0;
    long c = carryOut(e0, x0, t0);
    long t1 = e1 + x1 + c;
    c = carryOut(e1, x1, t1);
    long t2 = e2 + x2 + c;
    c = carryOut(e2, x2, t2);
    long t3 = e3 + x3 + c;
    c = carryOut(e3, x3, t3);
    long t4 = e4 + c;
    // t < 9p < 2^258. With T = floor(t / 2^194) and p's top bits P3 / 4, the estimate
    // q = T / (P3 / 4 + 1) is the true quotient or one less; both leave t - q p below 2p.
    long top = (t4 << 62) | (t3 >>> 2);
    long q = top / ((P3 >>> 2) + 1);
    long m0 = q * P0;
    long h0 = Math.unsignedMultiplyHigh(q, P0);
    long m1 = q * P1;
    long h1 = Math.unsignedMultiplyHigh(q, P1);
    long m2 = q * P2;
    long h2 = Math.unsignedMultiplyHigh(q, P2);
    long m3 = q * P3;
    long h3 = Math.unsignedMultiplyHigh(q, P3);
    // qp as five limbs: (m0, m1 + h0, m2 + h1, m3 + h2, h3) with carries.
    long q1 = m1 + h0;
    long k = carryOut(m1, h0, q1);
    long q2 = m2 + h1 + k;
    k = carryOut(m2, h1, q2);
    long q3 = m3 + h2 + k;
    k = carryOut(m3, h2, q3);
    long q4 = h3 + k;
    long d0 = t0 - m0;
    long b = borrowOut(t0, m0, d0);
    long d1 = t1 - q1 - b;
    b = borrowOut(t1, q1, d1);
    long d2 = t2 - q2 - b;
    b = borrowOut(t2, q2, d2);
    long d3 = t3 - q3 - b;
    // The difference is below 2p < 2^255, so its fifth limb (t4 - q4 - borrow) is zero.
    assert t4 - q4 - borrowOut(t3, q3, d3) == 0;
    reduceOnce(d0, d1, d2, d3);
  }

  /** this = x / 2: add p when x is odd (p is odd, so the sum is even), then shift. */
  void halve(Fp x) {
    long mask = -(x.l0 & 1);
    long s0 = x.l0 + (P0 & mask);
    long c = carryOut(x.l0, P0 & mask, s0);
    long s1 = x.l1 + (P1 & mask) + c;
    c = carryOut(x.l1, P1 & mask, s1);
    long s2 = x.l2 + (P2 & mask) + c;
    c = carryOut(x.l2, P2 & mask, s2);
    long s3 = x.l3 + (P3 & mask) + c;
    l0 = (s0 >>> 1) | (s1 << 63);
    l1 = (s1 >>> 1) | (s2 << 63);
    l2 = (s2 >>> 1) | (s3 << 63);
    l3 = s3 >>> 1;
  }

  void mul(Fp x, Fp y) {
    mul(x.l0, x.l1, x.l2, x.l3, y.l0, y.l1, y.l2, y.l3);
  }

  /**
   * this = x^2 / 2^256 mod p: the 512-bit square from ten limb products (the six cross products
   * once, doubled by a shift, plus the four diagonal squares) instead of sixteen, then Montgomery
   * reduction of the eight limbs (separated operand scanning). G1 doubling and addition are mostly
   * squarings.
   */
  void square(Fp x) {
    long x0 = x.l0, x1 = x.l1, x2 = x.l2, x3 = x.l3;
    long r0, r1, r2, r3, r4, r5, r6, r7;
    long lo, hi, s, t, c, c1, k, m;
    // The cross products x_i x_j, i < j, once each.
    r1 = x0 * x1;
    c = Math.unsignedMultiplyHigh(x0, x1);
    lo = x0 * x2;
    hi = Math.unsignedMultiplyHigh(x0, x2);
    r2 = lo + c;
    c = hi + carry(r2, lo);
    lo = x0 * x3;
    hi = Math.unsignedMultiplyHigh(x0, x3);
    r3 = lo + c;
    r4 = hi + carry(r3, lo);
    lo = x1 * x2;
    hi = Math.unsignedMultiplyHigh(x1, x2);
    s = lo + r3;
    c = hi + carry(s, lo);
    r3 = s;
    lo = x1 * x3;
    hi = Math.unsignedMultiplyHigh(x1, x3);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r4;
    r5 = hi + carry(t, s);
    r4 = t;
    lo = x2 * x3;
    hi = Math.unsignedMultiplyHigh(x2, x3);
    s = lo + r5;
    r6 = hi + carry(s, lo);
    r5 = s;
    // Doubled: x^2 < 2^508, so the top bit shifted out of r6 is the whole of r7.
    r7 = r6 >>> 63;
    r6 = (r6 << 1) | (r5 >>> 63);
    r5 = (r5 << 1) | (r4 >>> 63);
    r4 = (r4 << 1) | (r3 >>> 63);
    r3 = (r3 << 1) | (r2 >>> 63);
    r2 = (r2 << 1) | (r1 >>> 63);
    r1 = r1 << 1;
    // Plus the squares x_i^2 on the diagonal.
    r0 = x0 * x0;
    lo = Math.unsignedMultiplyHigh(x0, x0);
    s = r1 + lo;
    c = carry(s, lo);
    r1 = s;
    lo = x1 * x1;
    s = r2 + lo;
    c1 = carry(s, lo);
    t = s + c;
    c = c1 + carry(t, s);
    r2 = t;
    lo = Math.unsignedMultiplyHigh(x1, x1);
    s = r3 + lo;
    c1 = carry(s, lo);
    t = s + c;
    c = c1 + carry(t, s);
    r3 = t;
    lo = x2 * x2;
    s = r4 + lo;
    c1 = carry(s, lo);
    t = s + c;
    c = c1 + carry(t, s);
    r4 = t;
    lo = Math.unsignedMultiplyHigh(x2, x2);
    s = r5 + lo;
    c1 = carry(s, lo);
    t = s + c;
    c = c1 + carry(t, s);
    r5 = t;
    lo = x3 * x3;
    s = r6 + lo;
    c1 = carry(s, lo);
    t = s + c;
    c = c1 + carry(t, s);
    r6 = t;
    lo = Math.unsignedMultiplyHigh(x3, x3);
    s = r7 + lo;
    r7 = s + c;
    // Montgomery reduction of the eight limbs; k carries into the limb above the round's top.
    k = 0;
    m = r0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + r0;
    c = hi + carry(s, lo);
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r1;
    c = hi + carry(t, s);
    r1 = t;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r2;
    c = hi + carry(t, s);
    r2 = t;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r3;
    c = hi + carry(t, s);
    r3 = t;
    s = r4 + c;
    c1 = carry(s, c);
    t = s + k;
    k = c1 + carry(t, s);
    r4 = t;
    m = r1 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + r1;
    c = hi + carry(s, lo);
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r2;
    c = hi + carry(t, s);
    r2 = t;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r3;
    c = hi + carry(t, s);
    r3 = t;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r4;
    c = hi + carry(t, s);
    r4 = t;
    s = r5 + c;
    c1 = carry(s, c);
    t = s + k;
    k = c1 + carry(t, s);
    r5 = t;
    m = r2 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + r2;
    c = hi + carry(s, lo);
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r3;
    c = hi + carry(t, s);
    r3 = t;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r4;
    c = hi + carry(t, s);
    r4 = t;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r5;
    c = hi + carry(t, s);
    r5 = t;
    s = r6 + c;
    c1 = carry(s, c);
    t = s + k;
    k = c1 + carry(t, s);
    r6 = t;
    m = r3 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + r3;
    c = hi + carry(s, lo);
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r4;
    c = hi + carry(t, s);
    r4 = t;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r5;
    c = hi + carry(t, s);
    r5 = t;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + c;
    hi += carry(s, lo);
    t = s + r6;
    c = hi + carry(t, s);
    r6 = t;
    s = r7 + c;
    c1 = carry(s, c);
    t = s + k;
    r7 = t;
    reduceOnce(r4, r5, r6, r7);
  }

  /**
   * this = x^-1 (zero for zero) by the binary extended Euclidean algorithm on the limbs: about 500
   * shift-and-subtract steps, several times cheaper than x^(p-2). It runs on the Montgomery
   * representative X = xR, giving X^-1 = x^-1 R^-1, and one Montgomery product with R^3 turns that
   * into x^-1 R. Used once per affine conversion (ECADD, ECMUL) and once per final exponentiation.
   */
  void inverse(Fp x) {
    if (x.isZero()) {
      setZero();
      return;
    }
    Fp u = x.copy();
    Fp v = new Fp();
    v.l0 = P0;
    v.l1 = P1;
    v.l2 = P2;
    v.l3 = P3;
    // Invariants: x1 * X = u and x2 * X = v (mod p), with x1, x2 plain residues.
    Fp x1 = new Fp();
    x1.l0 = 1;
    Fp x2 = new Fp();
    while (!u.isPlainOne() && !v.isPlainOne()) {
      while ((u.l0 & 1) == 0) {
        u.shiftRightOne();
        x1.halve(x1);
      }
      while ((v.l0 & 1) == 0) {
        v.shiftRightOne();
        x2.halve(x2);
      }
      if (u.isPlainAtLeast(v)) {
        u.plainSubtract(v);
        x1.sub(x1, x2);
      } else {
        v.plainSubtract(u);
        x2.sub(x2, x1);
      }
    }
    Fp plainInverse = u.isPlainOne() ? x1 : x2;
    mul(plainInverse.l0, plainInverse.l1, plainInverse.l2, plainInverse.l3, R3_0, R3_1, R3_2, R3_3);
  }

  private boolean isPlainOne() {
    return l0 == 1 && (l1 | l2 | l3) == 0;
  }

  private boolean isPlainAtLeast(Fp y) {
    if (l3 != y.l3) {
      return Long.compareUnsigned(l3, y.l3) > 0;
    }
    if (l2 != y.l2) {
      return Long.compareUnsigned(l2, y.l2) > 0;
    }
    if (l1 != y.l1) {
      return Long.compareUnsigned(l1, y.l1) > 0;
    }
    return Long.compareUnsigned(l0, y.l0) >= 0;
  }

  /** this -= y as plain integers; this >= y. */
  private void plainSubtract(Fp y) {
    long d0 = l0 - y.l0;
    long b = borrowOut(l0, y.l0, d0);
    long d1 = l1 - y.l1 - b;
    b = borrowOut(l1, y.l1, d1);
    long d2 = l2 - y.l2 - b;
    b = borrowOut(l2, y.l2, d2);
    l3 = l3 - y.l3 - b;
    l0 = d0;
    l1 = d1;
    l2 = d2;
  }

  private void shiftRightOne() {
    l0 = (l0 >>> 1) | (l1 << 63);
    l1 = (l1 >>> 1) | (l2 << 63);
    l2 = (l2 >>> 1) | (l3 << 63);
    l3 = l3 >>> 1;
  }

  private static final BigInteger R_CUBED = R.pow(3).mod(MODULUS);
  private static final long R3_0 = R_CUBED.longValue();
  private static final long R3_1 = R_CUBED.shiftRight(64).longValue();
  private static final long R3_2 = R_CUBED.shiftRight(128).longValue();
  private static final long R3_3 = R_CUBED.shiftRight(192).longValue();

  /**
   * Montgomery multiplication, this = x * y / 2^256 mod p: the coarsely integrated operand scanning
   * method (Koc, Acar, Kaliski 1996) with limb products from {@link Math#unsignedMultiplyHigh}. The
   * top limb of p is below 2^62, so the running sum never needs a fifth limb (the "no-carry"
   * variant) and one conditional subtraction completes the reduction.
   */
  void mul(long x0, long x1, long x2, long x3, long y0, long y1, long y2, long y3) {
    long t0 = 0, t1 = 0, t2 = 0, t3 = 0;
    long a, c, m, lo, hi, s;
    // round 0: t += x * y0, then add m * p so that the low limb cancels, and shift
    lo = x0 * y0;
    hi = Math.unsignedMultiplyHigh(x0, y0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + t0;
    c = hi + carry(s, lo);
    lo = x1 * y0;
    hi = Math.unsignedMultiplyHigh(x1, y0);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + t1;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t0 = lo;
    c = hi;
    lo = x2 * y0;
    hi = Math.unsignedMultiplyHigh(x2, y0);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + t2;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t1 = lo;
    c = hi;
    lo = x3 * y0;
    hi = Math.unsignedMultiplyHigh(x3, y0);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + t3;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t2 = lo;
    c = hi;
    t3 = c + a;
    // round 1: t += x * y1, then add m * p so that the low limb cancels, and shift
    lo = x0 * y1;
    hi = Math.unsignedMultiplyHigh(x0, y1);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + t0;
    c = hi + carry(s, lo);
    lo = x1 * y1;
    hi = Math.unsignedMultiplyHigh(x1, y1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + t1;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t0 = lo;
    c = hi;
    lo = x2 * y1;
    hi = Math.unsignedMultiplyHigh(x2, y1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + t2;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t1 = lo;
    c = hi;
    lo = x3 * y1;
    hi = Math.unsignedMultiplyHigh(x3, y1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + t3;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t2 = lo;
    c = hi;
    t3 = c + a;
    // round 2: t += x * y2, then add m * p so that the low limb cancels, and shift
    lo = x0 * y2;
    hi = Math.unsignedMultiplyHigh(x0, y2);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + t0;
    c = hi + carry(s, lo);
    lo = x1 * y2;
    hi = Math.unsignedMultiplyHigh(x1, y2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + t1;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t0 = lo;
    c = hi;
    lo = x2 * y2;
    hi = Math.unsignedMultiplyHigh(x2, y2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + t2;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t1 = lo;
    c = hi;
    lo = x3 * y2;
    hi = Math.unsignedMultiplyHigh(x3, y2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + t3;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t2 = lo;
    c = hi;
    t3 = c + a;
    // round 3: t += x * y3, then add m * p so that the low limb cancels, and shift
    lo = x0 * y3;
    hi = Math.unsignedMultiplyHigh(x0, y3);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + t0;
    c = hi + carry(s, lo);
    lo = x1 * y3;
    hi = Math.unsignedMultiplyHigh(x1, y3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + t1;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t0 = lo;
    c = hi;
    lo = x2 * y3;
    hi = Math.unsignedMultiplyHigh(x2, y3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + t2;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t1 = lo;
    c = hi;
    lo = x3 * y3;
    hi = Math.unsignedMultiplyHigh(x3, y3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + t3;
    hi += carry(s, lo);
    lo = s + c;
    hi += carry(lo, s);
    t2 = lo;
    c = hi;
    t3 = c + a;
    reduceOnce(t0, t1, t2, t3);
  }

  /**
   * this = (x y + u v) / 2^256 mod p with one Montgomery reduction instead of two, for the sums of
   * products in F_p^2 multiplication (where u is negated for a difference). Each round adds x_i y
   * and u_i v into a five-limb accumulator before cancelling its low limb: the accumulator stays
   * below 3p + 3p 2^64 < 2^320 because p < 2^254, and the result below (2p^2 + 2^256 p) / 2^256 <
   * 2p, so one conditional subtraction completes it. All operands are read before this is written.
   */
  void mulSum(Fp x, Fp y, Fp u, Fp v) {
    long t0 = 0, t1 = 0, t2 = 0, t3 = 0, t4;
    long a, m, lo, hi, s;
    // round 0: t += x.l0 y + u.l0 v (five limbs), then t = (t + m p) / 2^64
    lo = x.l0 * y.l0;
    hi = Math.unsignedMultiplyHigh(x.l0, y.l0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    lo = x.l0 * y.l1;
    hi = Math.unsignedMultiplyHigh(x.l0, y.l1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = x.l0 * y.l2;
    hi = Math.unsignedMultiplyHigh(x.l0, y.l2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = x.l0 * y.l3;
    hi = Math.unsignedMultiplyHigh(x.l0, y.l3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    t4 = a;
    lo = u.l0 * v.l0;
    hi = Math.unsignedMultiplyHigh(u.l0, v.l0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    lo = u.l0 * v.l1;
    hi = Math.unsignedMultiplyHigh(u.l0, v.l1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = u.l0 * v.l2;
    hi = Math.unsignedMultiplyHigh(u.l0, v.l2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = u.l0 * v.l3;
    hi = Math.unsignedMultiplyHigh(u.l0, v.l3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    t4 += a;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + t0;
    a = hi + carry(s, lo);
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t0 = lo;
    a = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    t3 = t4 + a;
    // round 1: t += x.l1 y + u.l1 v (five limbs), then t = (t + m p) / 2^64
    lo = x.l1 * y.l0;
    hi = Math.unsignedMultiplyHigh(x.l1, y.l0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    lo = x.l1 * y.l1;
    hi = Math.unsignedMultiplyHigh(x.l1, y.l1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = x.l1 * y.l2;
    hi = Math.unsignedMultiplyHigh(x.l1, y.l2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = x.l1 * y.l3;
    hi = Math.unsignedMultiplyHigh(x.l1, y.l3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    t4 = a;
    lo = u.l1 * v.l0;
    hi = Math.unsignedMultiplyHigh(u.l1, v.l0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    lo = u.l1 * v.l1;
    hi = Math.unsignedMultiplyHigh(u.l1, v.l1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = u.l1 * v.l2;
    hi = Math.unsignedMultiplyHigh(u.l1, v.l2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = u.l1 * v.l3;
    hi = Math.unsignedMultiplyHigh(u.l1, v.l3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    t4 += a;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + t0;
    a = hi + carry(s, lo);
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t0 = lo;
    a = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    t3 = t4 + a;
    // round 2: t += x.l2 y + u.l2 v (five limbs), then t = (t + m p) / 2^64
    lo = x.l2 * y.l0;
    hi = Math.unsignedMultiplyHigh(x.l2, y.l0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    lo = x.l2 * y.l1;
    hi = Math.unsignedMultiplyHigh(x.l2, y.l1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = x.l2 * y.l2;
    hi = Math.unsignedMultiplyHigh(x.l2, y.l2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = x.l2 * y.l3;
    hi = Math.unsignedMultiplyHigh(x.l2, y.l3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    t4 = a;
    lo = u.l2 * v.l0;
    hi = Math.unsignedMultiplyHigh(u.l2, v.l0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    lo = u.l2 * v.l1;
    hi = Math.unsignedMultiplyHigh(u.l2, v.l1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = u.l2 * v.l2;
    hi = Math.unsignedMultiplyHigh(u.l2, v.l2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = u.l2 * v.l3;
    hi = Math.unsignedMultiplyHigh(u.l2, v.l3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    t4 += a;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + t0;
    a = hi + carry(s, lo);
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t0 = lo;
    a = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    t3 = t4 + a;
    // round 3: t += x.l3 y + u.l3 v (five limbs), then t = (t + m p) / 2^64
    lo = x.l3 * y.l0;
    hi = Math.unsignedMultiplyHigh(x.l3, y.l0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    lo = x.l3 * y.l1;
    hi = Math.unsignedMultiplyHigh(x.l3, y.l1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = x.l3 * y.l2;
    hi = Math.unsignedMultiplyHigh(x.l3, y.l2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = x.l3 * y.l3;
    hi = Math.unsignedMultiplyHigh(x.l3, y.l3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    t4 = a;
    lo = u.l3 * v.l0;
    hi = Math.unsignedMultiplyHigh(u.l3, v.l0);
    s = lo + t0;
    hi += carry(s, lo);
    t0 = s;
    a = hi;
    lo = u.l3 * v.l1;
    hi = Math.unsignedMultiplyHigh(u.l3, v.l1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = u.l3 * v.l2;
    hi = Math.unsignedMultiplyHigh(u.l3, v.l2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    lo = u.l3 * v.l3;
    hi = Math.unsignedMultiplyHigh(u.l3, v.l3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t3 = lo;
    a = hi;
    t4 += a;
    m = t0 * INV;
    lo = m * P0;
    hi = Math.unsignedMultiplyHigh(m, P0);
    s = lo + t0;
    a = hi + carry(s, lo);
    lo = m * P1;
    hi = Math.unsignedMultiplyHigh(m, P1);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t1;
    hi += carry(lo, s);
    t0 = lo;
    a = hi;
    lo = m * P2;
    hi = Math.unsignedMultiplyHigh(m, P2);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t2;
    hi += carry(lo, s);
    t1 = lo;
    a = hi;
    lo = m * P3;
    hi = Math.unsignedMultiplyHigh(m, P3);
    s = lo + a;
    hi += carry(s, lo);
    lo = s + t3;
    hi += carry(lo, s);
    t2 = lo;
    a = hi;
    t3 = t4 + a;
    reduceOnce(t0, t1, t2, t3);
  }

  private static final long R2_0 = R_SQUARED.longValue();
  private static final long R2_1 = R_SQUARED.shiftRight(64).longValue();
  private static final long R2_2 = R_SQUARED.shiftRight(128).longValue();
  private static final long R2_3 = R_SQUARED.shiftRight(192).longValue();

  /** Sets this to t, or t - p when t >= p; t must be below 2p. */
  private void reduceOnce(long t0, long t1, long t2, long t3) {
    long d0 = t0 - P0;
    long b = borrowOut(t0, P0, d0);
    long d1 = t1 - P1 - b;
    b = borrowOut(t1, P1, d1);
    long d2 = t2 - P2 - b;
    b = borrowOut(t2, P2, d2);
    long d3 = t3 - P3 - b;
    b = borrowOut(t3, P3, d3);
    // b == 1: t < p, keep t.
    long keep = -b;
    l0 = (t0 & keep) | (d0 & ~keep);
    l1 = (t1 & keep) | (d1 & ~keep);
    l2 = (t2 & keep) | (d2 & ~keep);
    l3 = (t3 & keep) | (d3 & ~keep);
  }

  private static boolean lessThanModulus(long a0, long a1, long a2, long a3) {
    long b = borrowOut(a0, P0, a0 - P0);
    long d1 = a1 - P1 - b;
    b = borrowOut(a1, P1, d1);
    long d2 = a2 - P2 - b;
    b = borrowOut(a2, P2, d2);
    long d3 = a3 - P3 - b;
    b = borrowOut(a3, P3, d3);
    return b == 1;
  }

  /** 1 when {@code sum = addend + something} wrapped around 2^64, else 0. */
  private static long carry(long sum, long addend) {
    return Long.compareUnsigned(sum, addend) < 0 ? 1 : 0;
  }

  /**
   * The carry out of {@code sum = a + b + carryIn} (carryIn 0 or 1), from the top bits alone
   * (Hacker's Delight, section 2-16): branch-free, because carries depend on the data and a
   * mispredicted branch per limb costs more than the arithmetic.
   */
  private static long carryOut(long a, long b, long sum) {
    return ((a & b) | ((a | b) & ~sum)) >>> 63;
  }

  /** The borrow out of {@code difference = a - b - borrowIn}, branch-free likewise. */
  private static long borrowOut(long a, long b, long difference) {
    return ((~a & b) | (~(a ^ b) & difference)) >>> 63;
  }

  private static long readLong(byte[] in, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (in[offset + i] & 0xff);
    }
    return value;
  }

  private static void writeLong(byte[] out, int offset, long value) {
    for (int i = 7; i >= 0; i--) {
      out[offset + i] = (byte) value;
      value >>>= 8;
    }
  }

  @Override
  public String toString() {
    return "0x" + toBigInteger().toString(16);
  }
}
