package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A transaction of any type: the signed Ethereum types ({@link SignedTransaction}) and the OP Stack
 * deposit ({@link DepositTransaction}). Instances are immutable; the hash and (for signed types)
 * the recovered sender are computed once, on first use, and are safe to share between threads.
 *
 * <p>Three byte forms exist (EIP-2718):
 *
 * <ul>
 *   <li>{@link #encoded()}: the canonical form that is hashed and signed over, and that {@code
 *       eth_sendRawTransaction} and {@code debug_getRawTransaction} carry — {@code rlp([...])} for
 *       legacy, {@code type || rlp([...])} for typed transactions;
 *   <li>{@link #writeTo(RlpWriter)}: the element of a block body's transaction list, where a typed
 *       transaction is wrapped as an RLP byte string and a legacy one is the list itself;
 *   <li>{@link #networkEncoded()}: the canonical form, except that a blob transaction carrying its
 *       sidecar is wrapped with the blobs, commitments and proofs (EIP-4844 "network form").
 * </ul>
 *
 * {@link TransactionDecoder} reads all three. Each type is a final class rather than a record
 * because records cannot hold the lazily computed hash and sender; equality is by content.
 */
public abstract sealed class Transaction permits SignedTransaction, DepositTransaction {
  private final long gasLimit;
  private final Optional<Address> to;
  private final UInt256 value;
  private final Bytes data;
  private volatile Hash hash;

  Transaction(long gasLimit, Optional<Address> to, UInt256 value, Bytes data) {
    this.gasLimit = gasLimit;
    this.to = Objects.requireNonNull(to, "to");
    this.value = Objects.requireNonNull(value, "value");
    this.data = Objects.requireNonNull(data, "data");
  }

  public abstract TransactionType type();

  /**
   * The chain id the signature commits to: empty for a pre-EIP-155 legacy transaction (and for a
   * legacy {@code v} that names no chain) and for deposits.
   */
  public abstract OptionalLong chainId();

  /** The sender's account nonce; 0 for deposits (their nonce is recorded in the receipt). */
  public abstract long nonce();

  /** The gas limit of the transaction (JSON-RPC {@code gas}). */
  public long gasLimit() {
    return gasLimit;
  }

  /** The recipient; empty for a contract creation. */
  public Optional<Address> to() {
    return to;
  }

  public boolean isContractCreation() {
    return to.isEmpty();
  }

  public UInt256 value() {
    return value;
  }

  /** Call data, or init code for a contract creation (JSON-RPC {@code input}). */
  public Bytes data() {
    return data;
  }

  public AccessList accessList() {
    return AccessList.EMPTY;
  }

  /** The fee cap per gas: {@code gasPrice} for legacy and EIP-2930 transactions, 0 for deposits. */
  public abstract UInt256 maxFeePerGas();

  /** The tip cap per gas: {@code gasPrice} for legacy and EIP-2930 transactions. */
  public abstract UInt256 maxPriorityFeePerGas();

  /** EIP-4844 blob fee cap; empty for all but blob transactions. */
  public Optional<UInt256> maxFeePerBlobGas() {
    return Optional.empty();
  }

  public List<Hash> blobVersionedHashes() {
    return List.of();
  }

  /** Blob gas this transaction consumes (EIP-4844 {@code GAS_PER_BLOB} per versioned hash). */
  public long blobGas() {
    return BlobSidecar.GAS_PER_BLOB * blobVersionedHashes().size();
  }

  /** EIP-7702 authorizations; empty for all but set-code transactions. */
  public List<Authorization> authorizationList() {
    return List.of();
  }

  /**
   * The price per gas paid under a block base fee: {@code min(maxFeePerGas, baseFee +
   * maxPriorityFeePerGas)} (EIP-1559), which is {@code gasPrice} for legacy types. The caller
   * checks {@code maxFeePerGas >= baseFee} first ({@link #effectiveGasTip}).
   */
  public UInt256 effectiveGasPrice(UInt256 baseFee) {
    UInt256 sum = baseFee.add(maxPriorityFeePerGas());
    boolean overflow = sum.compareTo(baseFee) < 0;
    return overflow ? maxFeePerGas() : maxFeePerGas().min(sum);
  }

  /**
   * The tip per gas the block's fee recipient gets, {@code min(maxPriorityFeePerGas, maxFeePerGas -
   * baseFee)}, or empty if the fee cap is below the base fee (the transaction cannot be included).
   */
  public Optional<UInt256> effectiveGasTip(UInt256 baseFee) {
    if (maxFeePerGas().compareTo(baseFee) < 0) {
      return Optional.empty();
    }
    return Optional.of(maxPriorityFeePerGas().min(maxFeePerGas().subtract(baseFee)));
  }

  /**
   * The account that pays for and sends the transaction: recovered from the signature (once, then
   * cached) for signed types, given for deposits.
   *
   * @throws InvalidTransactionException if the signature does not recover to a public key
   */
  public abstract Address sender();

  /** keccak256 of {@link #encoded()}; computed once. */
  public final Hash hash() {
    Hash h = hash;
    if (h == null) {
      h = Keccak256.digest(encoded());
      hash = h;
    }
    return h;
  }

  /** The canonical (consensus) encoding: {@code rlp(fields)} or {@code type || rlp(fields)}. */
  public byte[] encoded() {
    RlpWriter writer = new RlpWriter(estimatedSize());
    if (type() != TransactionType.LEGACY) {
      writer.writeRaw(new byte[] {(byte) type().value()});
    }
    writePayload(writer);
    return writer.toByteArray();
  }

  /** The encoding for the transaction pool and {@code eth_sendRawTransaction} (EIP-4844). */
  public byte[] networkEncoded() {
    return encoded();
  }

  /** Writes the transaction as an element of a block body's transaction list. */
  public void writeTo(RlpWriter writer) {
    if (type() == TransactionType.LEGACY) {
      writePayload(writer);
    } else {
      writer.writeBytes(encoded());
    }
  }

  /** Writes the RLP list of all fields (the signed fields and the signature). */
  abstract void writePayload(RlpWriter writer);

  int estimatedSize() {
    return 160 + data.length() + 90 * accessList().entries().size();
  }

  @Override
  public boolean equals(Object other) {
    // The hash commits to every field of the canonical encoding.
    return other instanceof Transaction that
        && that.getClass() == getClass()
        && hash().equals(that.hash());
  }

  @Override
  public int hashCode() {
    return hash().hashCode();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName()
        + "[hash="
        + hash()
        + ", nonce="
        + Long.toUnsignedString(nonce())
        + ", to="
        + to.map(Address::toHex).orElse("(create)")
        + ", value="
        + value
        + ", gas="
        + Long.toUnsignedString(gasLimit)
        + "]";
  }
}
