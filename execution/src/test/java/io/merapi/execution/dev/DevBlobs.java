package io.merapi.execution.dev;

import ethereum.ckzg4844.CKZG4844JNI;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Real blob transactions for the dev chain's tests: blobs with their KZG commitments and proofs.
 */
public final class DevBlobs {
  private static final long GWEI = 1_000_000_000L;
  private static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000b1");

  private DevBlobs() {}

  /** A blob of 4096 field elements, each below the BLS modulus (top byte zero). */
  public static Bytes blob(int seed) {
    byte[] blob = new byte[BlobSidecar.BYTES_PER_BLOB];
    for (int i = 0; i < blob.length; i++) {
      blob[i] = (i % 32 == 0) ? 0 : (byte) (i * 31 + seed * 7 + (i >>> 8));
    }
    return Bytes.wrap(blob);
  }

  /** A version-0 sidecar for blobs of these seeds, committed and proven with c-kzg. */
  public static BlobSidecar sidecar(int... seeds) {
    KzgTrustedSetup.ensureLoaded();
    List<Bytes> blobs = new ArrayList<>();
    List<Bytes> commitments = new ArrayList<>();
    List<Bytes> proofs = new ArrayList<>();
    for (int seed : seeds) {
      Bytes blob = blob(seed);
      byte[] commitment = CKZG4844JNI.blobToKzgCommitment(blob.array());
      blobs.add(blob);
      commitments.add(Bytes.wrap(commitment));
      proofs.add(Bytes.wrap(CKZG4844JNI.computeBlobKzgProof(blob.array(), commitment)));
    }
    return new BlobSidecar(0, blobs, commitments, proofs);
  }

  /** A signed blob transaction of the dev chain carrying {@code sidecar} (the network form). */
  public static BlobTransaction blobTx(Secp256k1.PrivateKey key, long nonce, BlobSidecar sidecar) {
    return (BlobTransaction)
        new BlobTransaction(
                DevGenesis.CHAIN_ID,
                nonce,
                UInt256.valueOf(GWEI),
                UInt256.valueOf(20 * GWEI),
                21_000,
                TO,
                UInt256.ZERO,
                Bytes.EMPTY,
                AccessList.EMPTY,
                UInt256.valueOf(10 * GWEI),
                sidecar.versionedHashes(),
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO,
                Optional.of(sidecar))
            .sign(key);
  }
}
