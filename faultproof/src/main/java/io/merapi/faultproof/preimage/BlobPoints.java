package io.merapi.faultproof.preimage;

import io.merapi.base.bytes.Hash;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The points a blob's field elements are read at through blob keys: element i is the blob's
 * polynomial evaluated at ω_i, the i-th of the 4096th roots of unity of BLS12-381's scalar field in
 * the bit-reversed order EIP-4844 uses (so the blob's bytes are the evaluations in order). The host
 * stores elements under these points and the program asks for them under the same ones.
 */
public final class BlobPoints {
  /** Field elements in a blob. */
  public static final int COUNT = 4096;

  private static final int LOG2_COUNT = 12;

  /** EIP-4844's BLS_MODULUS. */
  private static final BigInteger MODULUS =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** The generator of the field's multiplicative group c-kzg and the consensus specs use. */
  private static final BigInteger PRIMITIVE_ROOT = BigInteger.valueOf(7);

  private static final Hash[] ROOTS = computeRoots();

  private BlobPoints() {}

  /** The evaluation point of element {@code i}, a big-endian uint256. */
  public static Hash rootOfUnity(int i) {
    return ROOTS[i];
  }

  private static Hash[] computeRoots() {
    BigInteger omega =
        PRIMITIVE_ROOT.modPow(
            MODULUS.subtract(BigInteger.ONE).divide(BigInteger.valueOf(COUNT)), MODULUS);
    BigInteger[] natural = new BigInteger[COUNT];
    natural[0] = BigInteger.ONE;
    for (int i = 1; i < COUNT; i++) {
      natural[i] = natural[i - 1].multiply(omega).mod(MODULUS);
    }
    Hash[] roots = new Hash[COUNT];
    for (int i = 0; i < COUNT; i++) {
      int reversed = Integer.reverse(i) >>> (32 - LOG2_COUNT);
      roots[i] = Hash.leftPad(unsigned(natural[reversed]));
    }
    return roots;
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 && bytes.length > 1 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }
}
