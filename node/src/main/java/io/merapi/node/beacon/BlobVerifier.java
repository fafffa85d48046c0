package io.merapi.node.beacon;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import io.merapi.base.bytes.Bytes;
import io.merapi.evm.precompile.KzgTrustedSetup;

/**
 * KZG checks of blobs from a beacon node (EIP-4844 {@code verify_blob_kzg_proof} and {@code
 * blob_to_kzg_commitment}) with c-kzg and the mainnet trusted setup shared through {@link
 * KzgTrustedSetup}.
 */
final class BlobVerifier {
  private BlobVerifier() {}

  /**
   * Whether {@code proof} shows that {@code blob} is the polynomial {@code commitment} commits to.
   */
  static boolean proofVerifies(Bytes blob, Bytes commitment, Bytes proof) {
    KzgTrustedSetup.ensureLoaded();
    try {
      return CKZG4844JNI.verifyBlobKzgProof(blob.array(), commitment.array(), proof.array());
    } catch (CKZGException e) {
      // Not a point on the curve, or a blob with a field element out of range: no valid proof.
      return false;
    }
  }

  /**
   * The commitment to {@code blob}, for blobs that come without one ({@code eth/v1/beacon/blobs}).
   *
   * @throws IllegalArgumentException if a field element of the blob is not below the BLS modulus
   */
  static Bytes commitment(Bytes blob) {
    KzgTrustedSetup.ensureLoaded();
    try {
      return Bytes.wrap(CKZG4844JNI.blobToKzgCommitment(blob.array()));
    } catch (CKZGException e) {
      throw new IllegalArgumentException("not a valid blob: " + e.getErrorMessage(), e);
    }
  }
}
