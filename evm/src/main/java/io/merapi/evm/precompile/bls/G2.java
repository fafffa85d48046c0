package io.merapi.evm.precompile.bls;

import java.math.BigInteger;

/** The BLS12-381 group G2 on the twist E'(F_p2): y^2 = x^3 + 4 (1 + u), subgroup of order r. */
final class G2 {
  static final Curve<Fp2> CURVE = new Curve<>(Fp2.ZERO, Fp2.ONE, Fp2.of(4, 4));

  /**
   * psi = untwist, Frobenius, twist: (x, y) -> (conj(x) / xi^((p-1)/3), conj(y) / xi^((p-1)/2)),
   * since the untwist divides x by w^2 and y by w^3 with w^6 = xi.
   */
  private static final Fp2 PSI_X;

  private static final Fp2 PSI_Y;

  static {
    BigInteger p = Fp.MODULUS;
    BigInteger pMinus1 = p.subtract(BigInteger.ONE);
    PSI_X = Fp2.XI.pow(pMinus1.divide(BigInteger.valueOf(3))).inverse();
    PSI_Y = Fp2.XI.pow(pMinus1.shiftRight(1)).inverse();
  }

  private G2() {}

  /**
   * Whether a point on the twist is in the order-r subgroup: exactly when psi(P) = [x] P (Scott,
   * 2021, as for G1), a 64-bit multiplication instead of one by r.
   */
  static boolean inSubgroup(Point<Fp2> p) {
    if (p.isInfinity()) {
      return true;
    }
    Point<Fp2> xP = CURVE.neg(CURVE.mul(p, G1.SEED_ABS));
    return CURVE.equal(psi(p), xP);
  }

  /**
   * RFC 9380 appendix G.3 (Budroni-Pintore): [h_eff] P computed as [x^2 - x - 1] P + [x - 1] psi(P)
   * + psi^2(2P).
   */
  static Point<Fp2> clearCofactor(Point<Fp2> p) {
    Point<Fp2> t1 = mulBySeed(p);
    Point<Fp2> t2 = psi(p);
    Point<Fp2> t3 = psi(psi(CURVE.dbl(p)));
    t3 = CURVE.add(t3, CURVE.neg(t2));
    t2 = mulBySeed(CURVE.add(t1, t2));
    t3 = CURVE.add(t3, t2);
    t3 = CURVE.add(t3, CURVE.neg(t1));
    return CURVE.add(t3, CURVE.neg(p));
  }

  private static Point<Fp2> mulBySeed(Point<Fp2> p) {
    return CURVE.neg(CURVE.mul(p, G1.SEED_ABS));
  }

  /** psi on Jacobian coordinates: conjugation commutes with the Z scaling. */
  static Point<Fp2> psi(Point<Fp2> p) {
    return new Point<>(
        p.x().conjugate().mul(PSI_X), p.y().conjugate().mul(PSI_Y), p.z().conjugate());
  }
}
