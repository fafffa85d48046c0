package io.merapi.evm.precompile.bls;

/**
 * RFC 9380 map_to_curve for BLS12-381 (sections 6.6.2 and 6.6.3): the simplified SWU map onto an
 * isogenous curve E': y^2 = x^3 + A x + B, then the isogeny to E. Coefficient arrays are in
 * ascending order (k_(i,0) first) and include the leading 1 of the monic denominators.
 */
final class Sswu<F extends Field<F>> {
  private final F a;
  private final F b;
  private final F z;
  private final F[] xNum;
  private final F[] xDen;
  private final F[] yNum;
  private final F[] yDen;
  private final Curve<F> target;

  Sswu(F a, F b, F z, F[] xNum, F[] xDen, F[] yNum, F[] yDen, Curve<F> target) {
    this.a = a;
    this.b = b;
    this.z = z;
    this.xNum = xNum;
    this.xDen = xDen;
    this.yNum = yNum;
    this.yDen = yDen;
    this.target = target;
  }

  /** The point of E for u (before cofactor clearing). */
  Point<F> map(F u) {
    F u2 = u.square();
    F zu2 = z.mul(u2);
    F tv1 = zu2.square().add(zu2);
    F x1;
    if (tv1.isZero()) {
      x1 = b.mul(z.mul(a).inverse());
    } else {
      x1 = b.neg().mul(a.inverse()).mul(tv1.inverse().add(one()));
    }
    F x = x1;
    F y = curveRhs(x1).sqrt();
    if (y == null) {
      x = zu2.mul(x1);
      y = curveRhs(x).sqrt();
      if (y == null) {
        throw new IllegalStateException("SSWU: neither g(x1) nor g(x2) is square");
      }
    }
    if (u.sgn0() != y.sgn0()) {
      y = y.neg();
    }
    return isogeny(x, y);
  }

  private F one() {
    return target.infinity().x();
  }

  private F curveRhs(F x) {
    return x.square().add(a).mul(x).add(b);
  }

  private Point<F> isogeny(F x, F y) {
    F xd = horner(xDen, x);
    F yd = horner(yDen, x);
    if (xd.isZero() || yd.isZero()) {
      return target.infinity();
    }
    F xOut = horner(xNum, x).mul(xd.inverse());
    F yOut = y.mul(horner(yNum, x)).mul(yd.inverse());
    return target.fromAffine(xOut, yOut);
  }

  private static <F extends Field<F>> F horner(F[] coefficients, F x) {
    F acc = coefficients[coefficients.length - 1];
    for (int i = coefficients.length - 2; i >= 0; i--) {
      acc = acc.mul(x).add(coefficients[i]);
    }
    return acc;
  }
}
