package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Signature;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A signed EIP-2718 typed transaction (EIP-2930 onwards): it names its chain id, carries an access
 * list and a fee cap and tip cap (one {@code gasPrice} for EIP-2930), and is signed with a {@code
 * yParity} over {@code keccak256(type || rlp([signed fields]))}. Each subtype is its {@link
 * TransactionCodec} (the ordered fields) and what it adds; encoding, signing hash, decoding and
 * re-signing are done here once from that description.
 */
public abstract sealed class TypedSignedTransaction extends SignedTransaction
    permits AccessListTransaction, DynamicFeeTransaction, BlobTransaction, SetCodeTransaction {
  private final long chainId;
  private final UInt256 maxPriorityFeePerGas;
  private final UInt256 maxFeePerGas;
  private final AccessList accessList;

  TypedSignedTransaction(
      long chainId,
      long nonce,
      UInt256 maxPriorityFeePerGas,
      UInt256 maxFeePerGas,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      AccessList accessList,
      UInt256 yParity,
      UInt256 r,
      UInt256 s) {
    super(nonce, gasLimit, to, value, data, yParity, r, s);
    this.chainId = chainId;
    this.maxPriorityFeePerGas = Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFee");
    this.maxFeePerGas = Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    this.accessList = Objects.requireNonNull(accessList, "accessList");
  }

  /** From decoded (or copied) values; a type's own fields are read by its constructor. */
  TypedSignedTransaction(TransactionCodec.Values v) {
    this(
        v.chainId,
        v.nonce,
        v.maxPriorityFeePerGas,
        v.maxFeePerGas,
        v.gasLimit,
        v.to,
        v.value,
        v.data,
        v.accessList,
        v.v,
        v.r,
        v.s);
  }

  /** The type's field description. */
  abstract TransactionCodec<? extends TypedSignedTransaction> codec();

  @Override
  public TransactionType type() {
    return codec().type();
  }

  @Override
  public OptionalLong chainId() {
    return OptionalLong.of(chainId);
  }

  @Override
  public UInt256 maxFeePerGas() {
    return maxFeePerGas;
  }

  @Override
  public UInt256 maxPriorityFeePerGas() {
    return maxPriorityFeePerGas;
  }

  @Override
  public AccessList accessList() {
    return accessList;
  }

  @Override
  public Optional<Integer> recoveryId() {
    return yParityRecoveryId(v());
  }

  @Override
  public Hash signingHash() {
    return codec().typedSigningHash(this);
  }

  @Override
  public TypedSignedTransaction withSignature(Signature signature) {
    return codec().withSignature(signature, this);
  }

  @Override
  void writePayload(RlpWriter writer) {
    codec().writePayload(writer, this);
  }
}
