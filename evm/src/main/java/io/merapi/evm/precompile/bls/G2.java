package io.merapi.evm.precompile.bls;

import java.math.BigInteger;

/** The BLS12-381 group G2 on the twist E'(F_p2): y^2 = x^3 + 4 (1 + u), subgroup of order r. */
final class G2 {
  static final Curve<Fp2> CURVE = new Curve<>(Fp2.ZERO, Fp2.ONE, Fp2.of(4, 4));

  private static final byte[] ORDER_BYTES = G1.unsigned(G1.ORDER);

  /** RFC 9380 section 8.8.2: the effective cofactor h_eff of G2. */
  private static final byte[] H_EFF =
      G1.unsigned(
          new BigInteger(
              "bc69f08f2ee75b3584c6a0ea91b352888e2a8e9145ad7689986ff031508ffe1329c2f178731db956"
                  + "d82bf015d1212b02ec0ec69d7477c1ae954cbc06689f6a359894c0adebbf6b4e8020005aaa95551",
              16));

  private G2() {}

  static boolean inSubgroup(Point<Fp2> p) {
    return CURVE.mul(p, ORDER_BYTES).isInfinity();
  }

  static Point<Fp2> clearCofactor(Point<Fp2> p) {
    return CURVE.mul(p, H_EFF);
  }
}
