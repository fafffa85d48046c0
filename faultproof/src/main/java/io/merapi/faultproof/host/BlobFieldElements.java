package io.merapi.faultproof.host;

import ethereum.ckzg4844.CKZG4844JNI;
import io.merapi.base.bytes.Hash;
import io.merapi.evm.precompile.KzgTrustedSetup;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * A blob as the fault-proof program reads it: 4096 field elements, element i being the blob's
 * polynomial evaluated at ω_i, the i-th of the 4096th roots of unity of BLS12-381's scalar field in
 * the bit-reversed order EIP-4844 uses (so the blob's bytes are the evaluations in order). The
 * program's blob keys name an element by its commitment and that point.
 */
final class BlobFieldElements {
  static final int COUNT = 4096;
  private static final int LOG2_COUNT = 12;

  /** EIP-4844's BLS_MODULUS. */
  private static final BigInteger MODULUS =
      new BigInteger("73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001", 16);

  /** The generator of the field's multiplicative group c-kzg and the consensus specs use. */
  private static final BigInteger PRIMITIVE_ROOT = BigInteger.valueOf(7);

  private static final Hash[] ROOTS = computeRoots();

  private BlobFieldElements() {}

  /** The evaluation point of element {@code i}, a big-endian uint256. */
  static Hash rootOfUnity(int i) {
    return ROOTS[i];
  }

  /** The 32 bytes of element {@code i}. */
  static byte[] element(byte[] blob, int i) {
    return Arrays.copyOfRange(blob, 32 * i, 32 * (i + 1));
  }

  /** The blob's KZG commitment. */
  static byte[] commitment(byte[] blob) {
    KzgTrustedSetup.ensureLoaded();
    return CKZG4844JNI.blobToKzgCommitment(blob);
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
