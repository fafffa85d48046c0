package io.merapi.evm.precompile.bn254;

/**
 * The alt_bn128 operations of EIP-196 (point addition and scalar multiplication on G1) and EIP-197
 * (the pairing product check), on the wire encodings those EIPs define: 32-byte big-endian
 * integers, points as (x, y), F_p^2 elements as (imaginary, real), the point at infinity as zeros.
 * Gas is the caller's business; these methods only compute and validate.
 */
public final class Bn254 {
  public static final int G1_ENCODED_LENGTH = 64;
  public static final int G2_ENCODED_LENGTH = 128;
  public static final int PAIR_ENCODED_LENGTH = G1_ENCODED_LENGTH + G2_ENCODED_LENGTH;

  private Bn254() {}

  /** ECADD: {@code input} is exactly two encoded G1 points; returns their encoded sum. */
  public static byte[] add(byte[] input) throws InvalidPointException {
    requireLength(input, 2 * G1_ENCODED_LENGTH);
    G1 p = G1.decode(input, 0);
    G1 q = G1.decode(input, G1_ENCODED_LENGTH);
    G1 sum = new G1();
    sum.add(p, q);
    byte[] out = new byte[G1_ENCODED_LENGTH];
    sum.encode(out, 0);
    return out;
  }

  /** ECMUL: {@code input} is an encoded G1 point and a 32-byte scalar; returns the product. */
  public static byte[] mul(byte[] input) throws InvalidPointException {
    requireLength(input, G1_ENCODED_LENGTH + 32);
    G1 p = G1.decode(input, 0);
    G1 product = new G1();
    product.mul(p, input, G1_ENCODED_LENGTH);
    byte[] out = new byte[G1_ENCODED_LENGTH];
    product.encode(out, 0);
    return out;
  }

  /**
   * ECPAIRING: {@code input} is k (G1, G2) pairs, k >= 0; true when the product of their pairings
   * is one (so true for no pairs). Every point is validated, including those paired with the point
   * at infinity.
   */
  public static boolean pairingCheck(byte[] input) throws InvalidPointException {
    if (input.length % PAIR_ENCODED_LENGTH != 0) {
      throw new IllegalArgumentException(
          "pairing input must be a multiple of " + PAIR_ENCODED_LENGTH + " bytes");
    }
    int pairs = input.length / PAIR_ENCODED_LENGTH;
    G1[] ps = new G1[pairs];
    G2[] qs = new G2[pairs];
    for (int i = 0; i < pairs; i++) {
      int offset = i * PAIR_ENCODED_LENGTH;
      ps[i] = G1.decode(input, offset);
      qs[i] = G2.decode(input, offset + G1_ENCODED_LENGTH);
    }
    return Pairing.productIsOne(ps, qs);
  }

  private static void requireLength(byte[] input, int length) {
    if (input.length != length) {
      throw new IllegalArgumentException("expected " + length + " bytes, got " + input.length);
    }
  }
}
