package io.merapi.evm.precompile.bn254;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * A point on the sextic twist E': y^2 = x^3 + 3/xi over F_p^2 (EIP-197's G2 lives in its subgroup
 * of order r), in Jacobian coordinates, mutable. Unlike G1, the twist has a large cofactor, so
 * decoding checks subgroup membership.
 */
final class G2 {
  /** b' = 3 / xi, the twist's constant. */
  static final Fp2 B_TWIST = twistB();

  private static final int[] U_DIGITS = Wnaf.digits(BigInteger.valueOf(Pairing.U), 4);
  private static final int[] ORDER_DIGITS = Wnaf.digits(Pairing.ORDER, 4);

  final Fp2 x = new Fp2();
  final Fp2 y = new Fp2();
  final Fp2 z = new Fp2();

  private final Fp2 a = new Fp2();
  private final Fp2 b = new Fp2();
  private final Fp2 c = new Fp2();
  private final Fp2 d = new Fp2();
  private final Fp2 e = new Fp2();
  private final Fp2 f = new Fp2();
  private final Fp2 g = new Fp2();

  static G2 infinity() {
    G2 p = new G2();
    p.setInfinity();
    return p;
  }

  void setInfinity() {
    x.setOne();
    y.setOne();
    z.setZero();
  }

  boolean isInfinity() {
    return z.isZero();
  }

  void set(G2 p) {
    x.set(p.x);
    y.set(p.y);
    z.set(p.z);
  }

  /**
   * Decodes EIP-197's 128-byte encoding at {@code offset}: x then y, each F_p^2 element written as
   * its imaginary part then its real part (a*i + b as (a, b)); all zeros is the point at infinity.
   * Each of the four integers must be below p, the point on the twist and in the order-r subgroup.
   * The result is affine (Z = 1) unless it is the point at infinity.
   */
  static G2 decode(byte[] in, int offset) throws InvalidPointException {
    G2 point = new G2();
    if (!point.x.c1.setBytes(in, offset)
        || !point.x.c0.setBytes(in, offset + 32)
        || !point.y.c1.setBytes(in, offset + 64)
        || !point.y.c0.setBytes(in, offset + 96)) {
      throw new InvalidPointException("G2 coordinate is not below the field modulus");
    }
    if (point.x.isZero() && point.y.isZero()) {
      point.setInfinity();
      return point;
    }
    point.z.setOne();
    if (!isOnCurve(point.x, point.y)) {
      throw new InvalidPointException("G2 point is not on the twist curve");
    }
    if (!point.isInSubgroup()) {
      throw new InvalidPointException("G2 point is not in the subgroup of order r");
    }
    return point;
  }

  static boolean isOnCurve(Fp2 ax, Fp2 ay) {
    Fp2 lhs = new Fp2();
    lhs.square(ay);
    Fp2 rhs = new Fp2();
    rhs.square(ax);
    rhs.mul(rhs, ax);
    rhs.add(rhs, B_TWIST);
    return lhs.isEqual(rhs);
  }

  /**
   * Membership in G2 for a point already on the twist, without multiplying by the 254-bit order r:
   * on G2 the untwist-Frobenius-twist endomorphism psi acts as multiplication by p, and with the BN
   * parameter u, (u + 1) + u p + u p^2 - 2u p^3 = 0 mod r, so every Q in G2 satisfies [u + 1] Q +
   * psi([u] Q) + psi^2([u] Q) = psi^3([2u] Q), at the cost of one 63-bit multiplication (the test
   * gnark-crypto uses, from El Housni, Guillevic and Piellard's work on subgroup membership). No
   * other point of the twist does: its group is cyclic of square-free order r * c, psi acts on each
   * prime-order part as a scalar, and {@code G2Test} checks a point of every prime order dividing c
   * against the criterion, which therefore holds exactly on G2.
   */
  boolean isInSubgroup() {
    if (isInfinity()) {
      return true;
    }
    G2 a = new G2();
    a.mul(this, U_DIGITS);
    G2 lhs = new G2();
    lhs.add(a, this);
    G2 image = new G2();
    image.psi(a);
    lhs.add(lhs, image);
    image.psi(image);
    lhs.add(lhs, image);
    G2 rhs = new G2();
    rhs.psi(image);
    rhs.dbl(rhs);
    return lhs.isEqual(rhs);
  }

  /** The subgroup test by definition, [r] Q = O (tests and the reference for the fast test). */
  boolean isInSubgroupByOrder() {
    G2 product = new G2();
    product.mul(this, ORDER_DIGITS);
    return product.isInfinity();
  }

  /**
   * psi(Q) = untwist, Frobenius, twist: (x, y) -> (conj(x) xi^((p-1)/3), conj(y) xi^((p-1)/2)); in
   * Jacobian coordinates Z is conjugated too.
   */
  void psi(G2 p) {
    x.conjugate(p.x);
    x.mul(x, Fp12.Frobenius.GAMMA[1][2]);
    y.conjugate(p.y);
    y.mul(y, Fp12.Frobenius.GAMMA[1][3]);
    z.conjugate(p.z);
  }

  /** psi^2(Q) = (x xi^((p^2-1)/3), y xi^((p^2-1)/2)). */
  void psi2(G2 p) {
    x.mul(p.x, Fp12.Frobenius.GAMMA[2][2]);
    y.mul(p.y, Fp12.Frobenius.GAMMA[2][3]);
    z.set(p.z);
  }

  void neg(G2 p) {
    x.set(p.x);
    y.neg(p.y);
    z.set(p.z);
  }

  /** Projective equality: X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3. */
  boolean isEqual(G2 q) {
    if (isInfinity() || q.isInfinity()) {
      return isInfinity() && q.isInfinity();
    }
    Fp2 z1z1 = new Fp2();
    z1z1.square(z);
    Fp2 z2z2 = new Fp2();
    z2z2.square(q.z);
    Fp2 lhs = new Fp2();
    Fp2 rhs = new Fp2();
    lhs.mul(x, z2z2);
    rhs.mul(q.x, z1z1);
    if (!lhs.isEqual(rhs)) {
      return false;
    }
    lhs.mul(y, z2z2);
    lhs.mul(lhs, q.z);
    rhs.mul(q.y, z1z1);
    rhs.mul(rhs, z);
    return lhs.isEqual(rhs);
  }

  /** The affine coordinates (tests). */
  Fp2[] toAffine() {
    Fp2 zInverse = new Fp2();
    zInverse.inverse(z);
    Fp2 zInverse2 = new Fp2();
    zInverse2.square(zInverse);
    Fp2 ax = new Fp2();
    ax.mul(x, zInverse2);
    Fp2 ay = new Fp2();
    ay.mul(y, zInverse2);
    ay.mul(ay, zInverse);
    return new Fp2[] {ax, ay};
  }

  /** The EIP-197 encoding of this point (tests and benchmarks build inputs with it). */
  byte[] encode() {
    byte[] out = new byte[128];
    if (isInfinity()) {
      return out;
    }
    Fp2[] affine = toAffine();
    affine[0].c1.toBytes(out, 0);
    affine[0].c0.toBytes(out, 32);
    affine[1].c1.toBytes(out, 64);
    affine[1].c0.toBytes(out, 96);
    return out;
  }

  /** this = 2p ("dbl-2009-l", as in {@link G1#dbl}). */
  void dbl(G2 p) {
    if (p.isInfinity()) {
      setInfinity();
      return;
    }
    a.square(p.x);
    b.square(p.y);
    c.square(b);
    d.add(p.x, b);
    d.square(d);
    d.sub(d, a);
    d.sub(d, c);
    d.dbl(d);
    e.dbl(a);
    e.add(e, a);
    f.square(e);
    z.mul(p.y, p.z);
    z.dbl(z);
    x.sub(f, d);
    x.sub(x, d);
    y.sub(d, x);
    y.mul(y, e);
    c.dbl(c);
    c.dbl(c);
    c.dbl(c);
    y.sub(y, c);
  }

  /** this = p + q ("add-2007-bl", as in {@link G1#add}). */
  void add(G2 p, G2 q) {
    if (p.isInfinity()) {
      set(q);
      return;
    }
    if (q.isInfinity()) {
      set(p);
      return;
    }
    a.square(p.z);
    b.square(q.z);
    c.mul(p.x, b);
    d.mul(q.x, a);
    e.mul(p.y, q.z);
    e.mul(e, b);
    f.mul(q.y, p.z);
    f.mul(f, a);
    d.sub(d, c);
    f.sub(f, e);
    if (d.isZero()) {
      if (f.isZero()) {
        dbl(p);
      } else {
        setInfinity();
      }
      return;
    }
    f.dbl(f);
    g.add(p.z, q.z);
    g.square(g);
    g.sub(g, a);
    g.sub(g, b);
    g.mul(g, d);
    a.dbl(d);
    a.square(a);
    b.mul(d, a);
    c.mul(c, a);
    e.mul(e, b);
    z.set(g);
    x.square(f);
    x.sub(x, b);
    x.sub(x, c);
    x.sub(x, c);
    y.sub(c, x);
    y.mul(y, f);
    e.dbl(e);
    y.sub(y, e);
  }

  /**
   * this = [k] p, k given by its width-4 NAF digits ({@link Wnaf#digits}, least significant first):
   * odd multiples p, 3p, 5p, 7p are precomputed and each non-zero digit costs one addition.
   */
  void mul(G2 p, int[] digits) {
    G2[] odd = new G2[4];
    odd[0] = new G2();
    odd[0].set(p);
    G2 twice = new G2();
    twice.dbl(p);
    for (int i = 1; i < 4; i++) {
      odd[i] = new G2();
      odd[i].add(odd[i - 1], twice);
    }
    G2 negated = new G2();
    G2 acc = infinity();
    for (int i = digits.length - 1; i >= 0; i--) {
      acc.dbl(acc);
      int digit = digits[i];
      if (digit > 0) {
        acc.add(acc, odd[digit >> 1]);
      } else if (digit < 0) {
        negated.neg(odd[-digit >> 1]);
        acc.add(acc, negated);
      }
    }
    set(acc);
  }

  private static Fp2 twistB() {
    Fp2 xi = Fp2.of(BigInteger.valueOf(9), BigInteger.ONE);
    Fp2 b = new Fp2();
    b.inverse(xi);
    b.mul(b, Fp.of(G1.B));
    return b;
  }

  @Override
  public String toString() {
    return isInfinity() ? "G2(infinity)" : "G2" + Arrays.toString(toAffine());
  }
}
