package io.merapi.node.beacon;

import io.merapi.base.bytes.Bytes;
import io.merapi.types.transaction.BlobSidecar;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * One element of {@code eth/v1/beacon/blob_sidecars/{block_id}} (Deneb {@code BlobSidecar}): the
 * blob at {@code index} of its block with its KZG commitment and proof, and the slot of the block
 * header it came with when the node sends one. Sizes are checked here, the proof by {@link
 * BlobVerifier}.
 */
public record BeaconBlobSidecar(
    int index, Bytes blob, Bytes kzgCommitment, Bytes kzgProof, OptionalLong slot) {
  public BeaconBlobSidecar {
    Objects.requireNonNull(blob, "blob");
    Objects.requireNonNull(kzgCommitment, "kzgCommitment");
    Objects.requireNonNull(kzgProof, "kzgProof");
    Objects.requireNonNull(slot, "slot");
    if (index < 0) {
      throw new IllegalArgumentException("blob index must not be negative, got " + index);
    }
    if (blob.length() != BlobSidecar.BYTES_PER_BLOB) {
      throw new IllegalArgumentException(
          "blob " + index + " has " + blob.length() + " bytes, want " + BlobSidecar.BYTES_PER_BLOB);
    }
    if (kzgCommitment.length() != BlobSidecar.BYTES_PER_COMMITMENT
        || kzgProof.length() != BlobSidecar.BYTES_PER_PROOF) {
      throw new IllegalArgumentException(
          "blob " + index + ": KZG commitment and proof are 48 bytes");
    }
  }
}
