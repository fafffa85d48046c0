package io.merapi.evm.precompile.bls;

import java.math.BigInteger;

/** The BLS12-381 group G1: E(F_p): y^2 = x^3 + 4, its prime-order subgroup of order r. */
final class G1 {
  static final Curve<Fp> CURVE = new Curve<>(Fp.ZERO, Fp.ONE, Fp.of(4));

  /** The subgroup order r. */
  static final BigInteger ORDER =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  private static final byte[] ORDER_BYTES = unsigned(ORDER);

  /** RFC 9380 section 8.8.1: h_eff = 1 - x for the seed x = -0xd201000000010000. */
  private static final byte[] H_EFF = unsigned(new BigInteger("d201000000010001", 16));

  private G1() {}

  /** Whether [r] p is infinity (the point is on the curve). */
  static boolean inSubgroup(Point<Fp> p) {
    return CURVE.mul(p, ORDER_BYTES).isInfinity();
  }

  static Point<Fp> clearCofactor(Point<Fp> p) {
    return CURVE.mul(p, H_EFF);
  }

  static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      return java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return bytes;
  }
}
