package io.merapi.faultproof.host;

import static org.assertj.core.api.Assertions.assertThat;

import ethereum.ckzg4844.CKZG4844JNI;
import ethereum.ckzg4844.ProofAndY;
import io.merapi.base.bytes.Hash;
import io.merapi.evm.precompile.KzgTrustedSetup;
import java.math.BigInteger;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The evaluation points are the ones c-kzg evaluates a blob at: KZG's own evaluation of the blob's
 * polynomial at {@code rootOfUnity(i)} is the blob's i-th field element.
 */
class BlobFieldElementsTest {
  private static final BigInteger MODULUS = CKZG4844JNI.BLS_MODULUS;

  @Test
  void rootsAreDistinctBitReversedAndStartWithOneAndMinusOne() {
    assertThat(BlobFieldElements.rootOfUnity(0)).isEqualTo(Hash.leftPad(new byte[] {1}));
    assertThat(new BigInteger(1, BlobFieldElements.rootOfUnity(1).toArray()))
        .isEqualTo(MODULUS.subtract(BigInteger.ONE));
    Set<Hash> seen = new HashSet<>();
    for (int i = 0; i < BlobFieldElements.COUNT; i++) {
      BigInteger root = new BigInteger(1, BlobFieldElements.rootOfUnity(i).toArray());
      assertThat(root.modPow(BigInteger.valueOf(4096), MODULUS)).isEqualTo(BigInteger.ONE);
      seen.add(BlobFieldElements.rootOfUnity(i));
    }
    assertThat(seen).hasSize(4096);
  }

  @Test
  void kzgEvaluatesTheBlobAtEachRootToItsElement() {
    KzgTrustedSetup.ensureLoaded();
    byte[] blob = new byte[CKZG4844JNI.BYTES_PER_BLOB];
    for (int i = 0; i < 4096; i++) {
      // Small distinct field elements, all below the modulus.
      blob[32 * i + 30] = (byte) (i >>> 8);
      blob[32 * i + 31] = (byte) (i * 7 + 3);
    }
    for (int i : new int[] {0, 1, 2049, 4095}) {
      ProofAndY result =
          CKZG4844JNI.computeKzgProof(blob, BlobFieldElements.rootOfUnity(i).toArray());
      assertThat(result.getY()).as("element %d", i).isEqualTo(BlobFieldElements.element(blob, i));
    }
  }
}
