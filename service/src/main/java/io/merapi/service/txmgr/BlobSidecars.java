package io.merapi.service.txmgr;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.CKZGException;
import io.merapi.base.bytes.Bytes;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.types.transaction.BlobSidecar;
import java.util.ArrayList;
import java.util.List;

/**
 * The EIP-4844 sidecar of a set of blobs: each blob's KZG commitment and blob proof ({@code
 * blob_to_kzg_commitment}, {@code compute_blob_kzg_proof}) with c-kzg and the mainnet trusted setup
 * shared through {@link KzgTrustedSetup}. Version 0 (Cancun's one proof per blob), which is what a
 * Cancun/Prague L1 pool takes.
 */
final class BlobSidecars {
  private BlobSidecars() {}

  /**
   * @throws IllegalArgumentException when a blob is not canonical (a field element not below the
   *     BLS modulus), which the blob encoding never produces
   */
  static BlobSidecar of(List<Bytes> blobs) {
    KzgTrustedSetup.ensureLoaded();
    List<Bytes> commitments = new ArrayList<>(blobs.size());
    List<Bytes> proofs = new ArrayList<>(blobs.size());
    for (int i = 0; i < blobs.size(); i++) {
      byte[] blob = blobs.get(i).array();
      try {
        byte[] commitment = CKZG4844JNI.blobToKzgCommitment(blob);
        commitments.add(Bytes.wrap(commitment));
        proofs.add(Bytes.wrap(CKZG4844JNI.computeBlobKzgProof(blob, commitment)));
      } catch (CKZGException e) {
        throw new IllegalArgumentException(
            "blob " + i + " is not a valid blob: " + e.getErrorMessage(), e);
      }
    }
    return new BlobSidecar(0, blobs, commitments, proofs);
  }
}
