package io.merapi.evm.precompile.bls;

import java.util.List;

/**
 * The optimal ate pairing on BLS12-381 as a product check: whether prod e(P_i, Q_i) = 1.
 *
 * <p>The Miller loop runs over the bits of |x| (x = -0xd201000000010000, the curve's seed) with T
 * in Jacobian coordinates on the twist E': y^2 = x^3 + 4 xi. Q on E' maps to E over F_p12 by (x, y)
 * -> (x / w^2, y / w^3); the line through T with slope lambda', evaluated at P and multiplied by
 * w^3, is (lambda' x_T - y_T) - lambda' x_P w^2 + y_P w^3. Lines are scaled by F_p2 factors to
 * avoid inversions; the final exponentiation removes such factors (F_p2 lies in F_p6, and p^6 - 1
 * divides the exponent).
 *
 * <p>The final exponentiation raises to (p^12 - 1) / r: the easy part (p^6 - 1)(p^2 + 1), then the
 * hard part replaced by 3 (p^4 - p^2 + 1) / r = (x - 1)^2 (x + p)(x^2 + p^2 - 1) + 3. The result is
 * the cube of the pairing product, which is one exactly when the product is (3 does not divide r).
 */
final class Pairing {
  /** |x| for the BLS12-381 seed x = -0xd201000000010000. */
  private static final long X_ABS = G1.SEED_ABS;

  private Pairing() {}

  /** One pair in affine coordinates, both points finite. */
  record Pair(Fp px, Fp py, Fp2 qx, Fp2 qy) {}

  static boolean productIsOne(List<Pair> pairs) {
    if (pairs.isEmpty()) {
      return true;
    }
    return finalExponentiation(millerLoop(pairs)).isOne();
  }

  static Fp12 millerLoop(List<Pair> pairs) {
    Curve<Fp2> twist = G2.CURVE;
    int n = pairs.size();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Point<Fp2>[] t = new Point[n];
    @SuppressWarnings({"unchecked", "rawtypes"})
    Point<Fp2>[] q = new Point[n];
    for (int i = 0; i < n; i++) {
      q[i] = twist.fromAffine(pairs.get(i).qx(), pairs.get(i).qy());
      t[i] = q[i];
    }
    Fp12 f = Fp12.ONE;
    for (int bit = 62 - Long.numberOfLeadingZeros(X_ABS); bit >= 0; bit--) {
      f = f.square();
      for (int i = 0; i < n; i++) {
        Pair pair = pairs.get(i);
        f = doublingLine(f, t[i], pair.px(), pair.py());
        t[i] = twist.dbl(t[i]);
      }
      if (((X_ABS >>> bit) & 1) != 0) {
        for (int i = 0; i < n; i++) {
          Pair pair = pairs.get(i);
          f = additionLine(f, t[i], pair);
          t[i] = twist.add(t[i], q[i]);
        }
      }
    }
    // x < 0: f_{x} = 1 / f_{|x|} up to a factor the final exponentiation removes.
    return f.conjugate();
  }

  /**
   * The tangent at T = (X, Y, Z), scaled by 2 Y Z^3: (3X^3 - 2Y^2) - 3X^2 Z^2 x_P w^2 + 2YZ^3 y_P
   * w^3.
   */
  private static Fp12 doublingLine(Fp12 f, Point<Fp2> t, Fp px, Fp py) {
    Fp2 x2 = t.x().square();
    Fp2 y2 = t.y().square();
    Fp2 z2 = t.z().square();
    Fp2 threeX2 = x2.dbl().add(x2);
    Fp2 a0 = threeX2.mul(t.x()).sub(y2.dbl());
    Fp2 a1 = threeX2.mul(z2).mul(px).neg();
    Fp2 c = t.y().mul(z2).mul(t.z()).dbl().mul(py);
    return f.mulByLine(a0, a1, c);
  }

  /**
   * f times the line through T and Q, slope N / D with N = y_Q Z^3 - Y and D = Z (x_Q Z^2 - X),
   * scaled by D: (N x_Q - D y_Q) - N x_P w^2 + D y_P w^3.
   */
  private static Fp12 additionLine(Fp12 f, Point<Fp2> t, Pair pair) {
    Fp2 z2 = t.z().square();
    Fp2 n = pair.qy().mul(z2.mul(t.z())).sub(t.y());
    Fp2 d = t.z().mul(pair.qx().mul(z2).sub(t.x()));
    Fp2 a0 = n.mul(pair.qx()).sub(d.mul(pair.qy()));
    Fp2 a1 = n.mul(pair.px()).neg();
    Fp2 c = d.mul(pair.py());
    return f.mulByLine(a0, a1, c);
  }

  static Fp12 finalExponentiation(Fp12 f) {
    // Easy part: f^(p^6 - 1) = conj(f) / f, then ^(p^2 + 1). The result is in the cyclotomic
    // subgroup, where inversion is conjugation.
    Fp12 g = f.conjugate().mul(f.inverse());
    g = g.frobenius().frobenius().mul(g);
    // Hard part (cubed): g^((x-1)^2 (x+p) (x^2+p^2-1)) * g^3.
    Fp12 a = expByX(g).mul(g.conjugate());
    a = expByX(a).mul(a.conjugate());
    Fp12 b = expByX(a).mul(a.frobenius());
    Fp12 c = expByX(expByX(b)).mul(b.frobenius().frobenius()).mul(b.conjugate());
    return c.mul(g.square().mul(g));
  }

  /** g^x for the negative seed x, on the cyclotomic subgroup: conj(g^|x|). */
  private static Fp12 expByX(Fp12 g) {
    Fp12 result = g;
    for (int bit = 62 - Long.numberOfLeadingZeros(X_ABS); bit >= 0; bit--) {
      result = result.cyclotomicSquare();
      if (((X_ABS >>> bit) & 1) != 0) {
        result = result.mul(g);
      }
    }
    return result.conjugate();
  }
}
