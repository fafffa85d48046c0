package io.merapi.evm.precompile.bls;

import java.math.BigInteger;

/**
 * F_p12 = F_p6[w] / (w^2 - v), immutable: {@code c0 + c1 w}. As a vector over F_p2 the basis is
 * w^0..w^5 with w^6 = xi: c0 = (w^0, w^2, w^4), c1 = (w^1, w^3, w^5).
 */
record Fp12(Fp6 c0, Fp6 c1) {
  static final Fp12 ONE = new Fp12(Fp6.ONE, Fp6.ZERO);

  /** gamma_i = xi^(i (p - 1) / 6): the Frobenius map sends c w^i to conj(c) gamma_i w^i. */
  private static final Fp2[] FROBENIUS = new Fp2[6];

  static {
    BigInteger e = Fp.MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(6));
    Fp2 gamma = Fp2.XI.pow(e);
    FROBENIUS[0] = Fp2.ONE;
    for (int i = 1; i < 6; i++) {
      FROBENIUS[i] = FROBENIUS[i - 1].mul(gamma);
    }
  }

  Fp12 mul(Fp12 y) {
    Fp6 t0 = c0.mul(y.c0);
    Fp6 t1 = c1.mul(y.c1);
    Fp6 cross = c0.add(c1).mul(y.c0.add(y.c1)).sub(t0).sub(t1);
    return new Fp12(t0.add(t1.mulByV()), cross);
  }

  /**
   * this * ((a0 + a1 v) + (c v) w), the shape of a Miller-loop line: 13 F_p2 products instead of
   * 18.
   */
  Fp12 mulByLine(Fp2 a0, Fp2 a1, Fp2 c) {
    Fp6 t0 = c0.mulBy01(a0, a1);
    Fp6 t1 = c1.mulBy1(c);
    Fp6 cross = c0.add(c1).mulBy01(a0, a1.add(c)).sub(t0).sub(t1);
    return new Fp12(t0.add(t1.mulByV()), cross);
  }

  Fp12 square() {
    // (a + bw)^2 = a^2 + v b^2 + 2ab w, with a^2 + v b^2 = (a + b)(a + v b) - ab - v ab
    Fp6 ab = c0.mul(c1);
    Fp6 c0new = c0.add(c1).mul(c0.add(c1.mulByV())).sub(ab).sub(ab.mulByV());
    return new Fp12(c0new, ab.add(ab));
  }

  /**
   * The square of an element of the cyclotomic subgroup (after the easy part of the final
   * exponentiation), by Granger and Scott's formulas: F_p12 seen as F_p4^3 with F_p4 = F_p2[s] /
   * (s^2 - xi), s = w^3, pairing the coefficients of (1, w^3), (w, w^4) and (w^2, w^5); nine F_p2
   * squarings instead of two F_p6 products.
   */
  Fp12 cyclotomicSquare() {
    Fp2 z0 = c0.b0();
    Fp2 z4 = c0.b1();
    Fp2 z3 = c0.b2();
    Fp2 z2 = c1.b0();
    Fp2 z1 = c1.b1();
    Fp2 z5 = c1.b2();
    Fp2[] a = fp4Square(z0, z1);
    Fp2[] b = fp4Square(z2, z3);
    Fp2[] c = fp4Square(z4, z5);
    // (1, w^3): 3 A^2 - 2 conj(A)
    Fp2 n0 = a[0].sub(z0).dbl().add(a[0]);
    Fp2 n1 = a[1].add(z1).dbl().add(a[1]);
    // (w^2, w^5) from the square of the (w, w^4) pair
    Fp2 n4 = b[0].sub(z4).dbl().add(b[0]);
    Fp2 n5 = b[1].add(z5).dbl().add(b[1]);
    // (w, w^4) from xi times the square of the (w^2, w^5) pair
    Fp2 t = c[1].mulByXi();
    Fp2 n2 = t.add(z2).dbl().add(t);
    Fp2 n3 = c[0].sub(z3).dbl().add(c[0]);
    return new Fp12(new Fp6(n0, n4, n3), new Fp6(n2, n1, n5));
  }

  /** (a + b s)^2 in F_p4 = F_p2[s] / (s^2 - xi), as {c0, c1}. */
  private static Fp2[] fp4Square(Fp2 a, Fp2 b) {
    Fp2 t0 = a.square();
    Fp2 t1 = b.square();
    Fp2 c0 = t1.mulByXi().add(t0);
    Fp2 c1 = a.add(b).square().sub(t0).sub(t1);
    return new Fp2[] {c0, c1};
  }

  /** a - bw: the p^6-power Frobenius, and the inverse on the cyclotomic subgroup. */
  Fp12 conjugate() {
    return new Fp12(c0, c1.neg());
  }

  Fp12 inverse() {
    Fp6 den = c0.square().sub(c1.square().mulByV());
    Fp6 inv = den.inverse();
    return new Fp12(c0.mul(inv), c1.neg().mul(inv));
  }

  /** this^p. */
  Fp12 frobenius() {
    return new Fp12(
        new Fp6(
            c0.b0().conjugate(),
            c0.b1().conjugate().mul(FROBENIUS[2]),
            c0.b2().conjugate().mul(FROBENIUS[4])),
        new Fp6(
            c1.b0().conjugate().mul(FROBENIUS[1]),
            c1.b1().conjugate().mul(FROBENIUS[3]),
            c1.b2().conjugate().mul(FROBENIUS[5])));
  }

  boolean isOne() {
    return c0.b0().isOne() && c0.b1().isZero() && c0.b2().isZero() && c1.isZero();
  }
}
