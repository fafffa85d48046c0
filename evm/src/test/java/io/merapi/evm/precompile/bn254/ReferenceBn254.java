package io.merapi.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A slow textbook BN254 on BigInteger, sharing nothing with the fast code: the oracle for tests.
 * F_p^12 is F_p[w]/(w^12 - 18 w^6 + 82) (w^6 = xi = 9 + u), points are affine, the twist point Q is
 * mapped into E(F_p^12) as (x w^2, y w^3), lines come from slopes computed with F_p^12 inverses,
 * and the final exponentiation raises to (p^12 - 1) / r directly.
 */
final class ReferenceBn254 {
  static final BigInteger P =
      new BigInteger(
          "21888242871839275222246405745257275088696311157297823662689037894645226208583");
  static final BigInteger R =
      new BigInteger(
          "21888242871839275222246405745257275088548364400416034343698204186575808495617");
  static final BigInteger ATE_LOOP_COUNT = new BigInteger("29793968203157093288");

  private ReferenceBn254() {}

  /** An element of F_p^2: a + b u with u^2 = -1. */
  record F2(BigInteger a, BigInteger b) {
    static final F2 ZERO = new F2(BigInteger.ZERO, BigInteger.ZERO);
    static final F2 ONE = new F2(BigInteger.ONE, BigInteger.ZERO);
    static final F2 XI = new F2(BigInteger.valueOf(9), BigInteger.ONE);

    F2 {
      a = a.mod(P);
      b = b.mod(P);
    }

    F2 add(F2 o) {
      return new F2(a.add(o.a), b.add(o.b));
    }

    F2 sub(F2 o) {
      return new F2(a.subtract(o.a), b.subtract(o.b));
    }

    F2 mul(F2 o) {
      return new F2(
          a.multiply(o.a).subtract(b.multiply(o.b)), a.multiply(o.b).add(b.multiply(o.a)));
    }

    F2 mul(BigInteger k) {
      return new F2(a.multiply(k), b.multiply(k));
    }

    F2 neg() {
      return new F2(a.negate(), b.negate());
    }

    F2 inverse() {
      BigInteger norm = a.multiply(a).add(b.multiply(b)).mod(P).modInverse(P);
      return new F2(a.multiply(norm), b.negate().multiply(norm));
    }

    boolean isZero() {
      return a.signum() == 0 && b.signum() == 0;
    }

    F2 pow(BigInteger e) {
      F2 result = ONE;
      for (int i = e.bitLength() - 1; i >= 0; i--) {
        result = result.mul(result);
        if (e.testBit(i)) {
          result = result.mul(this);
        }
      }
      return result;
    }

    /** A square root when one exists (p = 3 mod 4: through the norm), else null. */
    F2 sqrt() {
      if (isZero()) {
        return this;
      }
      BigInteger norm = a.multiply(a).add(b.multiply(b)).mod(P);
      BigInteger s = sqrtFp(norm);
      if (s == null) {
        return null;
      }
      BigInteger half = BigInteger.TWO.modInverse(P);
      BigInteger x0 = sqrtFp(a.add(s).multiply(half).mod(P));
      if (x0 == null) {
        x0 = sqrtFp(a.subtract(s).multiply(half).mod(P));
      }
      if (x0 == null || x0.signum() == 0) {
        return null;
      }
      F2 root = new F2(x0, b.multiply(x0.shiftLeft(1).modInverse(P)));
      return root.mul(root).equals(this) ? root : null;
    }

    private static BigInteger sqrtFp(BigInteger n) {
      BigInteger root = n.modPow(P.add(BigInteger.ONE).shiftRight(2), P);
      return root.multiply(root).mod(P).equals(n.mod(P)) ? root : null;
    }
  }

  /** An element of F_p^12 as 12 coefficients of powers of w. */
  record F12(BigInteger[] c) {
    static final F12 ONE = constant(BigInteger.ONE);
    static final F12 ZERO = constant(BigInteger.ZERO);

    F12 {
      c = Arrays.stream(c).map(x -> x.mod(P)).toArray(BigInteger[]::new);
    }

    static F12 constant(BigInteger value) {
      BigInteger[] c = zeros(12);
      c[0] = value;
      return new F12(c);
    }

    /** The F_p^2 element a + b u placed at w^k: a w^k + b (w^6 - 9) w^k. */
    static F12 ofF2(F2 x, int k) {
      BigInteger[] c = zeros(12);
      c[k] = x.a().subtract(x.b().multiply(BigInteger.valueOf(9)));
      c[k + 6] = x.b();
      return new F12(c);
    }

    F12 add(F12 o) {
      BigInteger[] r = new BigInteger[12];
      for (int i = 0; i < 12; i++) {
        r[i] = c[i].add(o.c[i]);
      }
      return new F12(r);
    }

    F12 sub(F12 o) {
      BigInteger[] r = new BigInteger[12];
      for (int i = 0; i < 12; i++) {
        r[i] = c[i].subtract(o.c[i]);
      }
      return new F12(r);
    }

    F12 neg() {
      return ZERO.sub(this);
    }

    F12 mul(F12 o) {
      BigInteger[] wide = zeros(23);
      for (int i = 0; i < 12; i++) {
        for (int j = 0; j < 12; j++) {
          wide[i + j] = wide[i + j].add(c[i].multiply(o.c[j]));
        }
      }
      // w^12 = 18 w^6 - 82
      for (int i = 22; i >= 12; i--) {
        wide[i - 6] = wide[i - 6].add(wide[i].multiply(BigInteger.valueOf(18)));
        wide[i - 12] = wide[i - 12].subtract(wide[i].multiply(BigInteger.valueOf(82)));
      }
      return new F12(Arrays.copyOf(wide, 12));
    }

    F12 pow(BigInteger e) {
      F12 result = ONE;
      for (int i = e.bitLength() - 1; i >= 0; i--) {
        result = result.mul(result);
        if (e.testBit(i)) {
          result = result.mul(this);
        }
      }
      return result;
    }

    /** The inverse by the extended Euclidean algorithm on polynomials over F_p. */
    F12 inverse() {
      BigInteger[] modulus = zeros(13);
      modulus[0] = BigInteger.valueOf(82);
      modulus[6] = BigInteger.valueOf(-18).mod(P);
      modulus[12] = BigInteger.ONE;
      BigInteger[] oldR = Arrays.copyOf(c, 13);
      for (int i = 12; i < 13; i++) {
        oldR[i] = BigInteger.ZERO;
      }
      BigInteger[] r = modulus;
      BigInteger[] oldS = zeros(13);
      oldS[0] = BigInteger.ONE;
      BigInteger[] s = zeros(13);
      // Invariant: oldS * this = oldR and s * this = r (mod modulus).
      while (degree(r) >= 0) {
        BigInteger[][] qr = divide(oldR, r);
        BigInteger[] nextR = qr[1];
        BigInteger[] nextS = subtract(oldS, multiplyTruncated(qr[0], s));
        oldR = r;
        r = nextR;
        oldS = s;
        s = nextS;
      }
      if (degree(oldR) != 0) {
        throw new ArithmeticException("not invertible");
      }
      BigInteger scale = oldR[0].modInverse(P);
      BigInteger[] out = new BigInteger[12];
      for (int i = 0; i < 12; i++) {
        out[i] = oldS[i].multiply(scale);
      }
      return new F12(out);
    }

    boolean isOne() {
      return equals(ONE);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof F12 other && Arrays.equals(c, other.c);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(c);
    }

    @Override
    public String toString() {
      return Arrays.toString(c);
    }

    private static int degree(BigInteger[] poly) {
      for (int i = poly.length - 1; i >= 0; i--) {
        if (poly[i].signum() != 0) {
          return i;
        }
      }
      return -1;
    }

    /** Quotient and remainder of a / b over F_p (arrays of 13 coefficients). */
    private static BigInteger[][] divide(BigInteger[] a, BigInteger[] b) {
      BigInteger[] remainder = a.clone();
      BigInteger[] quotient = zeros(13);
      int db = degree(b);
      BigInteger leadInverse = b[db].modInverse(P);
      for (int dr = degree(remainder); dr >= db; dr = degree(remainder)) {
        BigInteger factor = remainder[dr].multiply(leadInverse).mod(P);
        int shift = dr - db;
        quotient[shift] = quotient[shift].add(factor).mod(P);
        for (int i = 0; i <= db; i++) {
          remainder[i + shift] = remainder[i + shift].subtract(factor.multiply(b[i])).mod(P);
        }
      }
      return new BigInteger[][] {quotient, remainder};
    }

    private static BigInteger[] multiplyTruncated(BigInteger[] a, BigInteger[] b) {
      BigInteger[] out = zeros(13);
      for (int i = 0; i < 13; i++) {
        for (int j = 0; i + j < 13; j++) {
          out[i + j] = out[i + j].add(a[i].multiply(b[j])).mod(P);
        }
      }
      return out;
    }

    private static BigInteger[] subtract(BigInteger[] a, BigInteger[] b) {
      BigInteger[] out = new BigInteger[13];
      for (int i = 0; i < 13; i++) {
        out[i] = a[i].subtract(b[i]).mod(P);
      }
      return out;
    }
  }

  /** An affine point over F_p^12, or the point at infinity. */
  record Point12(F12 x, F12 y, boolean infinity) {
    static final Point12 INFINITY = new Point12(F12.ZERO, F12.ZERO, true);

    Point12 add(Point12 o) {
      if (infinity) {
        return o;
      }
      if (o.infinity) {
        return this;
      }
      F12 slope;
      if (x.equals(o.x)) {
        if (!y.equals(o.y) || y.equals(F12.ZERO)) {
          return INFINITY;
        }
        slope = x.mul(x).mul(F12.constant(BigInteger.valueOf(3))).mul(y.add(y).inverse());
      } else {
        slope = o.y.sub(y).mul(o.x.sub(x).inverse());
      }
      F12 x3 = slope.mul(slope).sub(x).sub(o.x);
      F12 y3 = slope.mul(x.sub(x3)).sub(y);
      return new Point12(x3, y3, false);
    }

    Point12 neg() {
      return infinity ? this : new Point12(x, y.neg(), false);
    }
  }

  /** The line through a and b (the tangent when equal) evaluated at t. */
  static F12 line(Point12 a, Point12 b, Point12 t) {
    if (!a.x().equals(b.x())) {
      F12 slope = b.y().sub(a.y()).mul(b.x().sub(a.x()).inverse());
      return slope.mul(t.x().sub(a.x())).sub(t.y().sub(a.y()));
    }
    if (a.y().equals(b.y())) {
      F12 slope =
          a.x().mul(a.x()).mul(F12.constant(BigInteger.valueOf(3))).mul(a.y().add(a.y()).inverse());
      return slope.mul(t.x().sub(a.x())).sub(t.y().sub(a.y()));
    }
    return t.x().sub(a.x());
  }

  /** The twist point (x, y) as (x w^2, y w^3) on E(F_p^12). */
  static Point12 untwist(F2 x, F2 y) {
    return new Point12(F12.ofF2(x, 2), F12.ofF2(y, 3), false);
  }

  static Point12 embed(BigInteger x, BigInteger y) {
    return new Point12(F12.constant(x), F12.constant(y), false);
  }

  /** The optimal ate pairing, computed the long way. */
  static F12 pairing(Point12 p, Point12 q) {
    return finalExponentiation(millerLoop(p, q));
  }

  static F12 finalExponentiation(F12 f) {
    return f.pow(P.pow(12).subtract(BigInteger.ONE).divide(R));
  }

  /** f_{6u+2,Q}(P) times the two Frobenius lines, before the final exponentiation. */
  static F12 millerLoop(Point12 p, Point12 q) {
    if (p.infinity() || q.infinity()) {
      return F12.ONE;
    }
    Point12 t = q;
    F12 f = F12.ONE;
    for (int i = ATE_LOOP_COUNT.bitLength() - 2; i >= 0; i--) {
      f = f.mul(f).mul(line(t, t, p));
      t = t.add(t);
      if (ATE_LOOP_COUNT.testBit(i)) {
        f = f.mul(line(t, q, p));
        t = t.add(q);
      }
    }
    Point12 q1 = new Point12(q.x().pow(P), q.y().pow(P), false);
    Point12 q2Negated = new Point12(q1.x().pow(P), q1.y().pow(P).neg(), false);
    f = f.mul(line(t, q1, p));
    t = t.add(q1);
    return f.mul(line(t, q2Negated, p));
  }

  /** Affine G1 arithmetic over F_p: a point is {x, y}, null for infinity. */
  static BigInteger[] g1Add(BigInteger[] a, BigInteger[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    BigInteger slope;
    if (a[0].equals(b[0])) {
      if (!a[1].equals(b[1]) || a[1].signum() == 0) {
        return null;
      }
      slope = a[0].pow(2).multiply(BigInteger.valueOf(3)).multiply(a[1].shiftLeft(1).modInverse(P));
    } else {
      slope = b[1].subtract(a[1]).multiply(b[0].subtract(a[0]).modInverse(P));
    }
    slope = slope.mod(P);
    BigInteger x3 = slope.pow(2).subtract(a[0]).subtract(b[0]).mod(P);
    BigInteger y3 = slope.multiply(a[0].subtract(x3)).subtract(a[1]).mod(P);
    return new BigInteger[] {x3, y3};
  }

  static BigInteger[] g1Mul(BigInteger[] a, BigInteger k) {
    BigInteger[] result = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      result = g1Add(result, result);
      if (k.testBit(i)) {
        result = g1Add(result, a);
      }
    }
    return result;
  }

  /** Affine twist arithmetic over F_p^2: a point is {x, y}, null for infinity. */
  static F2[] g2Add(F2[] a, F2[] b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    F2 slope;
    if (a[0].equals(b[0])) {
      if (!a[1].equals(b[1]) || a[1].isZero()) {
        return null;
      }
      slope = a[0].mul(a[0]).mul(BigInteger.valueOf(3)).mul(a[1].add(a[1]).inverse());
    } else {
      slope = b[1].sub(a[1]).mul(b[0].sub(a[0]).inverse());
    }
    F2 x3 = slope.mul(slope).sub(a[0]).sub(b[0]);
    F2 y3 = slope.mul(a[0].sub(x3)).sub(a[1]);
    return new F2[] {x3, y3};
  }

  static F2[] g2Mul(F2[] a, BigInteger k) {
    F2[] result = null;
    for (int i = k.bitLength() - 1; i >= 0; i--) {
      result = g2Add(result, result);
      if (k.testBit(i)) {
        result = g2Add(result, a);
      }
    }
    return result;
  }

  /** b' = 3 / xi. */
  static final F2 TWIST_B = F2.XI.inverse().mul(BigInteger.valueOf(3));

  /** EIP-197's generator of G2. */
  static final F2[] G2_GENERATOR = {
    new F2(
        new BigInteger(
            "10857046999023057135944570762232829481370756359578518086990519993285655852781"),
        new BigInteger(
            "11559732032986387107991004021392285783925812861821192530917403151452391805634")),
    new F2(
        new BigInteger(
            "8495653923123431417604973247489272438418190587263600148770280649306958101930"),
        new BigInteger(
            "4082367875863433681332203403145435568316851327593401208105741076214120093531"))
  };

  static final BigInteger[] G1_GENERATOR = {BigInteger.ONE, BigInteger.TWO};

  private static BigInteger[] zeros(int n) {
    BigInteger[] out = new BigInteger[n];
    Arrays.fill(out, BigInteger.ZERO);
    return out;
  }
}
