package io.merapi.types.transaction;

/**
 * A transaction that decodes but may not be executed under the rules it is checked against. The
 * {@link Reason} names follow the {@code TransactionException} names of ethereum/tests and the
 * execution-spec tests, so that conformance tests compare reasons exactly.
 */
public final class InvalidTransactionException extends RuntimeException {
  private final Reason reason;

  public InvalidTransactionException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  /** Why a transaction is invalid. */
  public enum Reason {
    /** The type is not enabled at this fork (or deposits outside an OP chain). */
    TYPE_NOT_SUPPORTED,
    /**
     * The signature is for another chain, or a replay-protected legacy signature before EIP-155.
     */
    INVALID_CHAINID,
    /** {@code v}, {@code r} or {@code s} out of range (EIP-2: s at most n/2 from Homestead). */
    INVALID_SIGNATURE_VRS,
    /** The signature values are in range but no public key recovers from them. */
    EC_RECOVERY_FAIL,
    /** EIP-2681: the nonce must be below 2^64 - 1. */
    NONCE_TOO_BIG,
    /** EIP-1559: {@code maxPriorityFeePerGas} above {@code maxFeePerGas}. */
    PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS,
    /** {@code gasLimit * maxFeePerGas} does not fit 256 bits. */
    GASLIMIT_PRICE_PRODUCT_OVERFLOW,
    /** The gas limit does not cover the intrinsic gas (or the EIP-7623 calldata floor). */
    INTRINSIC_GAS_TOO_LOW,
    /** EIP-3860: init code longer than 49152 bytes. */
    INITCODE_SIZE_EXCEEDED,
    /** EIP-4844: a blob transaction without blobs. */
    TYPE_3_TX_ZERO_BLOBS,
    /** EIP-4844: a versioned hash whose first byte is not the KZG version 0x01. */
    TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH,
    /** More blobs than a block (or, from Osaka, a transaction) may carry. */
    TYPE_3_TX_BLOB_COUNT_EXCEEDED,
    /** EIP-7702: a set-code transaction with an empty authorization list. */
    TYPE_4_EMPTY_AUTHORIZATION_LIST,
    /** EIP-7825 (Osaka): a gas limit above 2^24. */
    GAS_LIMIT_EXCEEDS_MAXIMUM
  }
}
