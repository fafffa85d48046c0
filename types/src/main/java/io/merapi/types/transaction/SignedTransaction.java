package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.crypto.Signature;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.InvalidTransactionException.Reason;
import java.util.Objects;
import java.util.Optional;

/**
 * A transaction signed by its sender with secp256k1. The signature values are kept exactly as they
 * were encoded ({@code v} or {@code yParity}, {@code r}, {@code s}), so that any decodable
 * transaction re-encodes to the same bytes; whether they form a valid signature is decided by
 * {@link #sender()} and {@link TransactionValidator}.
 */
public abstract sealed class SignedTransaction extends Transaction
    permits LegacyTransaction, TypedSignedTransaction {
  private final long nonce;
  private final UInt256 v;
  private final UInt256 r;
  private final UInt256 s;

  /** The recovered sender, or the reason recovery failed; written once (a benign race). */
  private volatile Object senderOrFailure;

  SignedTransaction(
      long nonce,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      UInt256 v,
      UInt256 r,
      UInt256 s) {
    super(gasLimit, to, value, data);
    this.nonce = nonce;
    this.v = Objects.requireNonNull(v, "v");
    this.r = Objects.requireNonNull(r, "r");
    this.s = Objects.requireNonNull(s, "s");
  }

  @Override
  public long nonce() {
    return nonce;
  }

  /**
   * The {@code v} value as encoded: for legacy transactions 27/28 or {@code chainId * 2 + 35/36}
   * (EIP-155); for typed transactions the {@code yParity}.
   */
  public UInt256 v() {
    return v;
  }

  public UInt256 r() {
    return r;
  }

  public UInt256 s() {
    return s;
  }

  /** The hash the sender signs (keccak256 of the signed fields, type-prefixed for typed types). */
  public abstract Hash signingHash();

  /** The ECDSA recovery id encoded in {@code v}, or empty if {@code v} is not a valid value. */
  public abstract Optional<Integer> recoveryId();

  /** The signature as an ECDSA signature, or empty if {@code v} is not a valid value. */
  public Optional<Signature> signature() {
    return recoveryId().map(id -> new Signature(r, s, id));
  }

  /** A copy carrying {@code signature} (for legacy transactions, on the same chain id). */
  public abstract SignedTransaction withSignature(Signature signature);

  /** A copy signed by {@code key} (RFC 6979, low s). */
  public SignedTransaction sign(Secp256k1.PrivateKey key) {
    return withSignature(Secp256k1.sign(signingHash(), key));
  }

  @Override
  public Address sender() {
    Object cached = senderOrFailure;
    if (cached == null) {
      cached = recover();
      senderOrFailure = cached;
    }
    if (cached instanceof Address address) {
      return address;
    }
    InvalidTransactionException failure = (InvalidTransactionException) cached;
    throw new InvalidTransactionException(failure.reason(), failure.getMessage());
  }

  private Object recover() {
    Optional<Signature> signature = signature();
    if (signature.isEmpty()) {
      return new InvalidTransactionException(
          Reason.INVALID_SIGNATURE_VRS, "invalid v value " + v.toDecimalString());
    }
    if (r.isZero() || r.compareTo(Secp256k1.ORDER) >= 0) {
      return new InvalidTransactionException(
          Reason.INVALID_SIGNATURE_VRS, "signature r is not in [1, n-1]");
    }
    if (s.isZero() || s.compareTo(Secp256k1.ORDER) >= 0) {
      return new InvalidTransactionException(
          Reason.INVALID_SIGNATURE_VRS, "signature s is not in [1, n-1]");
    }
    Optional<Address> sender = Secp256k1.recoverAddress(signingHash(), signature.get());
    if (sender.isEmpty()) {
      return new InvalidTransactionException(
          Reason.EC_RECOVERY_FAIL, "signature does not recover to a public key");
    }
    return sender.get();
  }

  /** The recovery id of a typed transaction's {@code yParity}. */
  static Optional<Integer> yParityRecoveryId(UInt256 yParity) {
    return yParity.compareTo(1) <= 0 ? Optional.of((int) yParity.toLongExact()) : Optional.empty();
  }
}
