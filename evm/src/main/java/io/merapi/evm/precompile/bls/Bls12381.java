package io.merapi.evm.precompile.bls;

import java.util.ArrayList;
import java.util.List;

/**
 * The BLS12-381 operations of EIP-2537 on their byte encodings. Callers check input lengths and
 * charge gas; these methods validate encodings, curve membership and (for MSM and pairing) subgroup
 * membership, throwing {@link BlsInputException} on invalid input.
 */
public final class Bls12381 {
  public static final int G1_LENGTH = Codec.G1_LENGTH;
  public static final int G2_LENGTH = Codec.G2_LENGTH;
  public static final int SCALAR_LENGTH = 32;
  public static final int G1_MSM_PAIR_LENGTH = G1_LENGTH + SCALAR_LENGTH;
  public static final int G2_MSM_PAIR_LENGTH = G2_LENGTH + SCALAR_LENGTH;
  public static final int PAIRING_PAIR_LENGTH = G1_LENGTH + G2_LENGTH;
  public static final int FP_LENGTH = Codec.FP_LENGTH;
  public static final int FP2_LENGTH = Codec.FP2_LENGTH;

  private Bls12381() {}

  /** G1ADD: two points on the curve (no subgroup check, as EIP-2537 specifies). */
  public static byte[] g1Add(byte[] input) throws BlsInputException {
    Point<Fp> p = Codec.g1(input, 0);
    Point<Fp> q = Codec.g1(input, G1_LENGTH);
    return Codec.encodeG1(G1.CURVE.add(p, q));
  }

  public static byte[] g2Add(byte[] input) throws BlsInputException {
    Point<Fp2> p = Codec.g2(input, 0);
    Point<Fp2> q = Codec.g2(input, G2_LENGTH);
    return Codec.encodeG2(G2.CURVE.add(p, q));
  }

  /** G1MSM over input.length / 160 (point, scalar) pairs; every point must be in G1. */
  public static byte[] g1Msm(byte[] input) throws BlsInputException {
    int k = input.length / G1_MSM_PAIR_LENGTH;
    List<Point<Fp>> points = new ArrayList<>(k);
    List<byte[]> scalars = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int offset = i * G1_MSM_PAIR_LENGTH;
      Point<Fp> p = Codec.g1(input, offset);
      if (!G1.inSubgroup(p)) {
        throw new BlsInputException("g1 point is not on correct subgroup");
      }
      addTerm(points, scalars, p, input, offset + G1_LENGTH);
    }
    if (points.isEmpty()) {
      return Codec.encodeG1(G1.CURVE.infinity());
    }
    return Codec.encodeG1(Msm.compute(G1.CURVE, points, scalars.toArray(byte[][]::new)));
  }

  public static byte[] g2Msm(byte[] input) throws BlsInputException {
    int k = input.length / G2_MSM_PAIR_LENGTH;
    List<Point<Fp2>> points = new ArrayList<>(k);
    List<byte[]> scalars = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int offset = i * G2_MSM_PAIR_LENGTH;
      Point<Fp2> p = Codec.g2(input, offset);
      if (!G2.inSubgroup(p)) {
        throw new BlsInputException("g2 point is not on correct subgroup");
      }
      addTerm(points, scalars, p, input, offset + G2_LENGTH);
    }
    if (points.isEmpty()) {
      return Codec.encodeG2(G2.CURVE.infinity());
    }
    return Codec.encodeG2(Msm.compute(G2.CURVE, points, scalars.toArray(byte[][]::new)));
  }

  /** Terms with infinity or a zero scalar contribute nothing and are left out. */
  private static <F extends Field<F>> void addTerm(
      List<Point<F>> points, List<byte[]> scalars, Point<F> p, byte[] input, int scalarOffset) {
    byte[] scalar = java.util.Arrays.copyOfRange(input, scalarOffset, scalarOffset + SCALAR_LENGTH);
    boolean zero = true;
    for (byte b : scalar) {
      zero &= b == 0;
    }
    if (!p.isInfinity() && !zero) {
      points.add(p);
      scalars.add(scalar);
    }
  }

  /** PAIRING_CHECK over input.length / 384 (G1, G2) pairs, all checked for their subgroups. */
  public static boolean pairingCheck(byte[] input) throws BlsInputException {
    int k = input.length / PAIRING_PAIR_LENGTH;
    List<Pairing.Pair> pairs = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      int offset = i * PAIRING_PAIR_LENGTH;
      Point<Fp> p = Codec.g1(input, offset);
      Point<Fp2> q = Codec.g2(input, offset + G1_LENGTH);
      if (!G1.inSubgroup(p)) {
        throw new BlsInputException("g1 point is not on correct subgroup");
      }
      if (!G2.inSubgroup(q)) {
        throw new BlsInputException("g2 point is not on correct subgroup");
      }
      if (!p.isInfinity() && !q.isInfinity()) {
        // Decoded finite points have Z = 1: x and y are affine.
        pairs.add(new Pairing.Pair(p.x(), p.y(), q.x(), q.y()));
      }
    }
    return Pairing.productIsOne(pairs);
  }

  public static byte[] mapFpToG1(byte[] input) throws BlsInputException {
    return Codec.encodeG1(MapToG1.map(Codec.fp(input, 0)));
  }

  public static byte[] mapFp2ToG2(byte[] input) throws BlsInputException {
    return Codec.encodeG2(MapToG2.map(Codec.fp2(input, 0)));
  }
}
