package io.merapi.evm.precompile.bls;

import java.math.BigInteger;
import java.util.Arrays;

/** The BLS12-381 group G1: E(F_p): y^2 = x^3 + 4, its prime-order subgroup of order r. */
final class G1 {
  static final Curve<Fp> CURVE = new Curve<>(Fp.ZERO, Fp.ONE, Fp.of(4));

  /** |x| for the curve's seed x = -0xd201000000010000. */
  static final long SEED_ABS = 0xd201000000010000L;

  /** The subgroup order r. */
  static final BigInteger ORDER =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  static final Point<Fp> GENERATOR =
      CURVE.fromAffine(
          Fp.of(
              "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"),
          Fp.of(
              "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"));

  /**
   * A cube root of unity beta in F_p such that phi(x, y) = (beta x, y) acts on G1 as [-x^2]: of the
   * two roots, the one that does so on the generator.
   */
  private static final Fp BETA = pickBeta();

  /** RFC 9380 section 8.8.1: h_eff = 1 - x. */
  private static final long H_EFF = SEED_ABS + 1;

  private G1() {}

  /**
   * Whether a point on the curve is in the order-r subgroup: exactly when phi(P) = [-x^2] P (Scott,
   * "A note on group membership tests for G1, G2 and GT on BLS pairing-friendly curves", 2021), a
   * 128-bit multiplication instead of one by r.
   */
  static boolean inSubgroup(Point<Fp> p) {
    if (p.isInfinity()) {
      return true;
    }
    Point<Fp> minusX2P = CURVE.neg(CURVE.mul(CURVE.mul(p, SEED_ABS), SEED_ABS));
    return CURVE.equal(endomorphism(p, BETA), minusX2P);
  }

  static Point<Fp> clearCofactor(Point<Fp> p) {
    return CURVE.mul(p, H_EFF);
  }

  private static Point<Fp> endomorphism(Point<Fp> p, Fp beta) {
    return new Point<>(p.x().mul(beta), p.y(), p.z());
  }

  private static Fp pickBeta() {
    BigInteger p = Fp.MODULUS;
    BigInteger third = p.subtract(BigInteger.ONE).divide(BigInteger.valueOf(3));
    BigInteger root = BigInteger.TWO.modPow(third, p);
    Fp beta = Fp.of(root);
    Point<Fp> expected = CURVE.neg(CURVE.mul(CURVE.mul(GENERATOR, SEED_ABS), SEED_ABS));
    return CURVE.equal(endomorphism(GENERATOR, beta), expected) ? beta : beta.square();
  }

  static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      return Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return bytes;
  }
}
