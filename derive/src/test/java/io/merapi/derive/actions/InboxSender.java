package io.merapi.derive.actions;

import ethereum.ckzg4844.CKZG4844JNI;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Signs batcher transactions to the batch inbox (op-batcher's transaction manager, reduced): an
 * EIP-1559 transaction whose calldata is the batcher data, or an EIP-4844 transaction carrying
 * blobs, their KZG commitments and proofs computed with the mainnet trusted setup.
 */
final class InboxSender {
  /** EIP-4844: at most six blobs a block (Cancun), so at most six a transaction. */
  static final int MAX_BLOBS_PER_TX = 6;

  private final Wallet wallet;
  private final Address inbox;

  InboxSender(Wallet wallet, Address inbox) {
    this.wallet = wallet;
    this.inbox = inbox;
  }

  /** A calldata transaction carrying {@code data} with just the gas it needs. */
  Transaction calldata(Bytes data) {
    long gas = 21_000 + 16L * data.length() + 10_000;
    return wallet.call(inbox, UInt256.ZERO, data, gas);
  }

  /** A blob transaction carrying {@code blobs} (each 131,072 bytes, already blob-encoded). */
  Transaction blobs(List<Bytes> blobs) {
    if (blobs.isEmpty() || blobs.size() > MAX_BLOBS_PER_TX) {
      throw new IllegalArgumentException("a blob transaction carries 1 to 6 blobs");
    }
    KzgTrustedSetup.ensureLoaded();
    List<Bytes> commitments = new ArrayList<>();
    List<Bytes> proofs = new ArrayList<>();
    for (Bytes blob : blobs) {
      byte[] commitment = CKZG4844JNI.blobToKzgCommitment(blob.array());
      commitments.add(Bytes.wrap(commitment));
      proofs.add(Bytes.wrap(CKZG4844JNI.computeBlobKzgProof(blob.array(), commitment)));
    }
    BlobSidecar sidecar = new BlobSidecar(0, blobs, commitments, proofs);
    List<Hash> hashes = sidecar.versionedHashes();
    return new BlobTransaction(
            wallet.chainId(),
            wallet.nextNonce(),
            Wallet.GWEI,
            Wallet.GWEI.multiply(UInt256.valueOf(100)),
            21_000,
            inbox,
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            Wallet.GWEI,
            hashes,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO,
            Optional.of(sidecar))
        .sign(wallet.key());
  }
}
