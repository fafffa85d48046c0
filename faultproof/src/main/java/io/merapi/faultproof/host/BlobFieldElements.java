package io.merapi.faultproof.host;

import ethereum.ckzg4844.CKZG4844JNI;
import io.merapi.base.bytes.Hash;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.faultproof.preimage.BlobPoints;
import java.util.Arrays;

/**
 * A blob as the host stores it for the program: its KZG commitment and its 4096 field elements,
 * element i under the blob key of the commitment and {@link BlobPoints#rootOfUnity(int)}.
 */
final class BlobFieldElements {
  static final int COUNT = BlobPoints.COUNT;

  private BlobFieldElements() {}

  /** The evaluation point of element {@code i}, a big-endian uint256. */
  static Hash rootOfUnity(int i) {
    return BlobPoints.rootOfUnity(i);
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
}
