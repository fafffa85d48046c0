package io.merapi.state;

import io.merapi.base.bytes.Address;
import io.merapi.evm.Halt;
import io.merapi.types.receipt.Log;
import java.util.List;
import java.util.Optional;

/** The outcome of one transaction: refused as invalid, or executed (successfully or not). */
public sealed interface TransactionResult {

  /** The transaction may not be included; the state is unchanged. */
  record Invalid(InvalidReason reason, String message) implements TransactionResult {}

  /**
   * The transaction ran: {@code halt} of its frame, the gas it used (after the refund), the refund
   * given, its logs (empty unless it succeeded), its output, the contract it created, and the blob
   * gas it used.
   */
  record Executed(
      Halt halt,
      long gasUsed,
      long gasRefunded,
      List<Log> logs,
      byte[] output,
      Optional<Address> contractAddress,
      long blobGasUsed)
      implements TransactionResult {
    public boolean isSuccess() {
      return halt.isSuccess();
    }
  }

  /** Why a transaction is invalid, named as the ethereum/tests {@code TransactionException}s. */
  enum InvalidReason {
    NONCE_MISMATCH_TOO_LOW,
    NONCE_MISMATCH_TOO_HIGH,
    NONCE_IS_MAX,
    SENDER_NOT_EOA,
    INTRINSIC_GAS_TOO_LOW,
    INSUFFICIENT_ACCOUNT_FUNDS,
    INSUFFICIENT_MAX_FEE_PER_GAS,
    PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS,
    GASLIMIT_PRICE_PRODUCT_OVERFLOW,
    GAS_ALLOWANCE_EXCEEDED,
    INITCODE_SIZE_EXCEEDED,
    TYPE_NOT_SUPPORTED,
    TYPE_3_TX_CONTRACT_CREATION,
    TYPE_3_TX_ZERO_BLOBS,
    TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH,
    TYPE_3_TX_BLOB_COUNT_EXCEEDED,
    TYPE_4_TX_CONTRACT_CREATION,
    TYPE_4_EMPTY_AUTHORIZATION_LIST,
    INSUFFICIENT_MAX_FEE_PER_BLOB_GAS,
    GAS_LIMIT_EXCEEDS_MAXIMUM
  }
}
