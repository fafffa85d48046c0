package io.merapi.service.txmgr;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.types.transaction.BlobSidecar;
import java.math.BigInteger;
import java.util.List;
import java.util.Objects;

/**
 * What a service wants on L1 (op-service {@code txmgr.TxCandidate}); the manager chooses nonce and
 * fees and signs.
 *
 * @param data the call data ({@code TxData})
 * @param blobs the blobs, each {@link BlobSidecar#BYTES_PER_BLOB} bytes; empty for an EIP-1559
 *     transaction, otherwise an EIP-4844 one whose commitments, proofs and versioned hashes the
 *     manager computes
 * @param to the recipient (a blob transaction cannot create a contract, and neither can this
 *     manager: the services only call contracts and inboxes)
 * @param gasLimit the gas limit, or 0 to have the L1 estimate it
 * @param value wei sent along
 */
public record TxCandidate(
    Bytes data, List<Bytes> blobs, Address to, long gasLimit, BigInteger value) {
  public TxCandidate {
    Objects.requireNonNull(data, "data");
    blobs = List.copyOf(blobs);
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(value, "value");
    if (gasLimit < 0) {
      throw new IllegalArgumentException("gasLimit must not be negative, got " + gasLimit);
    }
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new IllegalArgumentException("value must be a uint256, got " + value);
    }
    for (int i = 0; i < blobs.size(); i++) {
      if (blobs.get(i).length() != BlobSidecar.BYTES_PER_BLOB) {
        throw new IllegalArgumentException(
            "blob "
                + i
                + " has "
                + blobs.get(i).length()
                + " bytes, a blob has "
                + BlobSidecar.BYTES_PER_BLOB);
      }
    }
  }

  /** Call data to {@code to}, gas estimated, no value. */
  public static TxCandidate calldata(Address to, Bytes data) {
    return new TxCandidate(data, List.of(), to, 0, BigInteger.ZERO);
  }

  /** Blobs to {@code to} with empty call data, gas estimated, no value. */
  public static TxCandidate blobs(Address to, List<Bytes> blobs) {
    return new TxCandidate(Bytes.EMPTY, blobs, to, 0, BigInteger.ZERO);
  }

  public boolean isBlobTx() {
    return !blobs.isEmpty();
  }
}
