package io.merapi.evm.precompile.bls;

/**
 * A short Weierstrass curve y^2 = x^3 + b over a field F (a = 0, as for both BLS12-381 groups),
 * with Jacobian point arithmetic shared by G1 (F_p) and G2 (F_p2). Formulas from the
 * Explicit-Formulas Database: add-2007-bl and dbl-2009-l.
 */
final class Curve<F extends Field<F>> {
  private final F one;
  private final F b;
  private final Point<F> infinity;

  Curve(F zero, F one, F b) {
    this.one = one;
    this.b = b;
    this.infinity = new Point<>(one, one, zero);
  }

  Point<F> infinity() {
    return infinity;
  }

  /** The point (x, y) in affine coordinates; the caller checks that it is on the curve. */
  Point<F> fromAffine(F x, F y) {
    return new Point<>(x, y, one);
  }

  boolean isOnCurve(F x, F y) {
    return y.square().equals(x.square().mul(x).add(b));
  }

  /** The same point with Z = 1, so that x and y are affine; infinity stays as it is. */
  Point<F> normalize(Point<F> p) {
    if (p.isInfinity()) {
      return p;
    }
    F zInv = p.z().inverse();
    F zInv2 = zInv.square();
    return new Point<>(p.x().mul(zInv2), p.y().mul(zInv2.mul(zInv)), one);
  }

  Point<F> neg(Point<F> p) {
    return new Point<>(p.x(), p.y().neg(), p.z());
  }

  Point<F> dbl(Point<F> p) {
    if (p.isInfinity()) {
      return p;
    }
    F a = p.x().square();
    F bb = p.y().square();
    F c = bb.square();
    F d = p.x().add(bb).square().sub(a).sub(c).dbl();
    F e = a.dbl().add(a);
    F f = e.square();
    F x3 = f.sub(d.dbl());
    F y3 = e.mul(d.sub(x3)).sub(c.dbl().dbl().dbl());
    F z3 = p.y().mul(p.z()).dbl();
    return new Point<>(x3, y3, z3);
  }

  Point<F> add(Point<F> p, Point<F> q) {
    if (p.isInfinity()) {
      return q;
    }
    if (q.isInfinity()) {
      return p;
    }
    F z1z1 = p.z().square();
    F u2 = q.x().mul(z1z1);
    F s2 = q.y().mul(p.z()).mul(z1z1);
    // Points decoded from input and bucket sums' first terms are affine (Z = 1): skip their powers.
    boolean qAffine = q.z().isOne();
    F z2z2 = qAffine ? one : q.z().square();
    F u1 = qAffine ? p.x() : p.x().mul(z2z2);
    F s1 = qAffine ? p.y() : p.y().mul(q.z()).mul(z2z2);
    F h = u2.sub(u1);
    F r = s2.sub(s1);
    if (h.isZero()) {
      return r.isZero() ? dbl(p) : infinity;
    }
    F i = h.dbl().square();
    F j = h.mul(i);
    r = r.dbl();
    F v = u1.mul(i);
    F x3 = r.square().sub(j).sub(v.dbl());
    F y3 = r.mul(v.sub(x3)).sub(s1.mul(j).dbl());
    F z3 = qAffine ? p.z().mul(h).dbl() : p.z().add(q.z()).square().sub(z1z1).sub(z2z2).mul(h);
    return new Point<>(x3, y3, z3);
  }

  /** [k] p for a big-endian unsigned scalar of any length (double and add). */
  Point<F> mul(Point<F> p, byte[] scalar, int offset, int length) {
    Point<F> acc = infinity;
    for (int i = offset; i < offset + length; i++) {
      int byteValue = scalar[i] & 0xff;
      for (int bit = 7; bit >= 0; bit--) {
        acc = dbl(acc);
        if (((byteValue >>> bit) & 1) != 0) {
          acc = add(acc, p);
        }
      }
    }
    return acc;
  }

  /** [k] p for an unsigned 64-bit k. */
  Point<F> mul(Point<F> p, long k) {
    Point<F> acc = infinity;
    for (int bit = 63 - Long.numberOfLeadingZeros(k); bit >= 0; bit--) {
      acc = dbl(acc);
      if (((k >>> bit) & 1) != 0) {
        acc = add(acc, p);
      }
    }
    return acc;
  }

  /** Whether p and q are the same point (Jacobian coordinates differ by Z scaling). */
  boolean equal(Point<F> p, Point<F> q) {
    if (p.isInfinity() || q.isInfinity()) {
      return p.isInfinity() && q.isInfinity();
    }
    F z1z1 = p.z().square();
    F z2z2 = q.z().square();
    return p.x().mul(z2z2).equals(q.x().mul(z1z1))
        && p.y().mul(z2z2).mul(q.z()).equals(q.y().mul(z1z1).mul(p.z()));
  }

  Point<F> mul(Point<F> p, byte[] scalar) {
    return mul(p, scalar, 0, scalar.length);
  }
}
