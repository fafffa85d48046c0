package io.merapi.service.txmgr;

import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.SignedTransaction;
import java.util.Optional;

/**
 * Signs one version of a candidate: an EIP-1559 transaction, or an EIP-4844 one carrying the
 * sidecar computed once per candidate (fee bumps re-sign the same blobs).
 */
final class TxBuilder {
  private final long chainId;
  private final Secp256k1.PrivateKey key;

  TxBuilder(long chainId, Secp256k1.PrivateKey key) {
    this.chainId = chainId;
    this.key = key;
  }

  /** A candidate made ready to sign: its gas limit fixed and its sidecar computed. */
  record Prepared(TxCandidate candidate, long gasLimit, Optional<BlobSidecar> sidecar) {
    boolean blobTx() {
      return sidecar.isPresent();
    }
  }

  SignedTransaction sign(Prepared prepared, long nonce, FeeCaps fees) {
    TxCandidate c = prepared.candidate();
    UInt256 value = UInt256.valueOf(c.value());
    if (prepared.sidecar().isPresent()) {
      BlobSidecar sidecar = prepared.sidecar().get();
      return new BlobTransaction(
              chainId,
              nonce,
              fees.tipCap(),
              fees.feeCap(),
              prepared.gasLimit(),
              c.to(),
              value,
              c.data(),
              AccessList.EMPTY,
              fees.blobFeeCap(),
              sidecar.versionedHashes(),
              UInt256.ZERO,
              UInt256.ZERO,
              UInt256.ZERO,
              Optional.of(sidecar))
          .sign(key);
    }
    return new DynamicFeeTransaction(
            chainId,
            nonce,
            fees.tipCap(),
            fees.feeCap(),
            prepared.gasLimit(),
            Optional.of(c.to()),
            value,
            c.data(),
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO)
        .sign(key);
  }
}
