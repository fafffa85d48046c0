package io.merapi.evm.precompile;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import java.util.Arrays;

/**
 * POINT_EVALUATION at 0x0a (EIP-4844, Cancun): verifies a KZG proof that the blob committed to by
 * {@code commitment} evaluates to {@code y} at {@code z}, 50000 gas. Input is exactly 192 bytes:
 * {@code versioned_hash (32), z (32), y (32), commitment (48), proof (48)}; the versioned hash must
 * be {@code 0x01 || sha256(commitment)[1:]}. On success the output is {@code
 * FIELD_ELEMENTS_PER_BLOB} and {@code BLS_MODULUS} as two 32-byte words; every other outcome
 * (including z or y not below the modulus, or a commitment or proof that is not a valid G1 point)
 * fails the call.
 */
public final class PointEvaluation implements Precompile {
  static final long GAS = 50_000;
  private static final int INPUT_LENGTH = 192;
  private static final byte VERSIONED_HASH_VERSION_KZG = 0x01;
  private static final byte[] RETURN_VALUE = returnValue();

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    if (GAS > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    if (input.length != INPUT_LENGTH) {
      return new PrecompileResult.Failure(
          "point evaluation input must be " + INPUT_LENGTH + " bytes, got " + input.length);
    }
    byte[] versionedHash = Arrays.copyOfRange(input, 0, 32);
    byte[] z = Arrays.copyOfRange(input, 32, 64);
    byte[] y = Arrays.copyOfRange(input, 64, 96);
    byte[] commitment = Arrays.copyOfRange(input, 96, 144);
    byte[] proof = Arrays.copyOfRange(input, 144, 192);
    if (!Arrays.equals(versionedHash, kzgToVersionedHash(commitment))) {
      return new PrecompileResult.Failure("versioned hash does not match the commitment");
    }
    KzgTrustedSetup.ensureLoaded();
    boolean valid;
    try {
      valid = CKZG4844JNI.verifyKzgProof(commitment, z, y, proof);
    } catch (CKZGException badArguments) {
      return new PrecompileResult.Failure("invalid KZG input: " + badArguments.getErrorMessage());
    }
    if (!valid) {
      return new PrecompileResult.Failure("KZG proof does not verify");
    }
    return new PrecompileResult.Success(RETURN_VALUE.clone(), GAS);
  }

  /** EIP-4844 {@code kzg_to_versioned_hash}. */
  static byte[] kzgToVersionedHash(byte[] commitment) {
    byte[] hash = Sha256Hash.sha256(commitment);
    hash[0] = VERSIONED_HASH_VERSION_KZG;
    return hash;
  }

  private static byte[] returnValue() {
    byte[] out = new byte[64];
    int elements = CKZG4844JNI.FIELD_ELEMENTS_PER_BLOB;
    out[30] = (byte) (elements >>> 8);
    out[31] = (byte) elements;
    byte[] modulus = CKZG4844JNI.BLS_MODULUS.toByteArray();
    int skip = modulus[0] == 0 ? 1 : 0;
    System.arraycopy(modulus, skip, out, 64 - (modulus.length - skip), modulus.length - skip);
    return out;
  }
}
