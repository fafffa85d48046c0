package io.merapi.evm.precompile.bn254;

import io.merapi.evm.precompile.bn254.ReferenceBn254.F12;
import io.merapi.evm.precompile.bn254.ReferenceBn254.F2;
import java.math.BigInteger;
import java.util.Random;

/** Moves values between the fast representation and the reference one. */
final class Conversions {
  private Conversions() {}

  static F2 toReference(Fp2 x) {
    return new F2(x.c0.toBigInteger(), x.c1.toBigInteger());
  }

  static Fp2 toFast(F2 x) {
    return Fp2.of(x.a(), x.b());
  }

  /** sum of g_i w^i with g0, g2, g4 in c0 and g1, g3, g5 in c1 (see {@link Fp12}). */
  static F12 toReference(Fp12 x) {
    Fp2[] g = {x.c0.c0, x.c1.c0, x.c0.c1, x.c1.c1, x.c0.c2, x.c1.c2};
    F12 sum = F12.ZERO;
    for (int i = 0; i < 6; i++) {
      sum = sum.add(F12.ofF2(toReference(g[i]), i));
    }
    return sum;
  }

  static Fp12 randomFp12(Random random) {
    Fp12 x = new Fp12();
    for (Fp6 half : new Fp6[] {x.c0, x.c1}) {
      for (Fp2 coefficient : new Fp2[] {half.c0, half.c1, half.c2}) {
        coefficient.set(toFast(randomF2(random)));
      }
    }
    return x;
  }

  static F2 randomF2(Random random) {
    return new F2(randomFp(random), randomFp(random));
  }

  static BigInteger randomFp(Random random) {
    return new BigInteger(260, random).mod(ReferenceBn254.P);
  }

  static G1 g1(BigInteger[] affine) {
    G1 point = new G1();
    if (affine == null) {
      point.setInfinity();
    } else {
      point.setAffine(Fp.of(affine[0]), Fp.of(affine[1]));
    }
    return point;
  }

  static G2 g2(F2[] affine) {
    G2 point = new G2();
    if (affine == null) {
      point.setInfinity();
    } else {
      point.x.set(toFast(affine[0]));
      point.y.set(toFast(affine[1]));
      point.z.setOne();
    }
    return point;
  }

  static byte[] encodeG1(BigInteger[] affine) {
    byte[] out = new byte[64];
    if (affine != null) {
      word(affine[0], out, 0);
      word(affine[1], out, 32);
    }
    return out;
  }

  static byte[] encodeG2(F2[] affine) {
    byte[] out = new byte[128];
    if (affine != null) {
      word(affine[0].b(), out, 0);
      word(affine[0].a(), out, 32);
      word(affine[1].b(), out, 64);
      word(affine[1].a(), out, 96);
    }
    return out;
  }

  static void word(BigInteger value, byte[] out, int offset) {
    byte[] bytes = value.toByteArray();
    int skip = bytes.length > 32 ? bytes.length - 32 : 0;
    System.arraycopy(bytes, skip, out, offset + 32 - (bytes.length - skip), bytes.length - skip);
  }

  /** A random point on the twist, almost surely outside G2. */
  static F2[] randomTwistPoint(Random random) {
    while (true) {
      F2 x = randomF2(random);
      F2 y = x.mul(x).mul(x).add(ReferenceBn254.TWIST_B).sqrt();
      if (y != null) {
        return new F2[] {x, y};
      }
    }
  }
}
