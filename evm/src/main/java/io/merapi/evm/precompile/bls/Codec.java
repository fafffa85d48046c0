package io.merapi.evm.precompile.bls;

/**
 * EIP-2537 encodings: a base-field element is 64 bytes, 16 zero bytes then the 48-byte big-endian
 * value below p; an F_p2 element is c0 then c1; a point is x then y, all zero for infinity.
 */
final class Codec {
  static final int FP_LENGTH = 64;
  static final int FP2_LENGTH = 2 * FP_LENGTH;
  static final int G1_LENGTH = 2 * FP_LENGTH;
  static final int G2_LENGTH = 2 * FP2_LENGTH;
  private static final int PADDING = FP_LENGTH - Fp.ENCODED_LENGTH;

  private Codec() {}

  static Fp fp(byte[] in, int offset) throws BlsInputException {
    for (int i = 0; i < PADDING; i++) {
      if (in[offset + i] != 0) {
        throw new BlsInputException("invalid field element top bytes");
      }
    }
    Fp value = Fp.fromBytes(in, offset + PADDING);
    if (value == null) {
      throw new BlsInputException("invalid fp.Element encoding: not below the field modulus");
    }
    return value;
  }

  static Fp2 fp2(byte[] in, int offset) throws BlsInputException {
    return new Fp2(fp(in, offset), fp(in, offset + FP_LENGTH));
  }

  static void put(Fp value, byte[] out, int offset) {
    value.toBytes(out, offset + PADDING);
  }

  static void put(Fp2 value, byte[] out, int offset) {
    put(value.c0(), out, offset);
    put(value.c1(), out, offset + FP_LENGTH);
  }

  /** A G1 point on the curve (not checked for the subgroup). */
  static Point<Fp> g1(byte[] in, int offset) throws BlsInputException {
    Fp x = fp(in, offset);
    Fp y = fp(in, offset + FP_LENGTH);
    if (x.isZero() && y.isZero()) {
      return G1.CURVE.infinity();
    }
    if (!G1.CURVE.isOnCurve(x, y)) {
      throw new BlsInputException("invalid point: not on curve");
    }
    return G1.CURVE.fromAffine(x, y);
  }

  /** A G2 point on the twist (not checked for the subgroup). */
  static Point<Fp2> g2(byte[] in, int offset) throws BlsInputException {
    Fp2 x = fp2(in, offset);
    Fp2 y = fp2(in, offset + FP2_LENGTH);
    if (x.isZero() && y.isZero()) {
      return G2.CURVE.infinity();
    }
    if (!G2.CURVE.isOnCurve(x, y)) {
      throw new BlsInputException("invalid point: not on curve");
    }
    return G2.CURVE.fromAffine(x, y);
  }

  static byte[] encodeG1(Point<Fp> p) {
    byte[] out = new byte[G1_LENGTH];
    Point<Fp> affine = G1.CURVE.normalize(p);
    if (!affine.isInfinity()) {
      put(affine.x(), out, 0);
      put(affine.y(), out, FP_LENGTH);
    }
    return out;
  }

  static byte[] encodeG2(Point<Fp2> p) {
    byte[] out = new byte[G2_LENGTH];
    Point<Fp2> affine = G2.CURVE.normalize(p);
    if (!affine.isInfinity()) {
      put(affine.x(), out, 0);
      put(affine.y(), out, FP2_LENGTH);
    }
    return out;
  }
}
