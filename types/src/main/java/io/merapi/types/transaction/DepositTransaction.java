package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The OP Stack deposited transaction, type 0x7E (specs: protocol/deposits.md, "The Deposited
 * Transaction Type"): {@code 0x7E || rlp([sourceHash, from, to, mint, value, gas, isSystemTx,
 * data])}. It is derived from L1 (user deposits, the L1 attributes transaction, upgrade
 * transactions) rather than signed, so {@code from} is given and there is no signature, chain id,
 * nonce or fee.
 *
 * <p>{@code mint} is the ETH minted on L2; zero is encoded as the empty string, as op-geth encodes
 * an absent mint, so "no mint" and "mint 0" are one value here. Its hash is {@code keccak256(0x7E
 * || rlp(...))} like any typed transaction.
 */
public final class DepositTransaction extends Transaction {
  private final Hash sourceHash;
  private final Address from;
  private final UInt256 mint;
  private final boolean isSystemTx;

  public DepositTransaction(
      Hash sourceHash,
      Address from,
      Optional<Address> to,
      UInt256 mint,
      UInt256 value,
      long gasLimit,
      boolean isSystemTx,
      Bytes data) {
    super(gasLimit, to, value, data);
    this.sourceHash = Objects.requireNonNull(sourceHash, "sourceHash");
    this.from = Objects.requireNonNull(from, "from");
    this.mint = Objects.requireNonNull(mint, "mint");
    this.isSystemTx = isSystemTx;
  }

  @Override
  public TransactionType type() {
    return TransactionType.DEPOSIT;
  }

  /** Uniquely identifies the source of the deposit (specs: "Source hash computation"). */
  public Hash sourceHash() {
    return sourceHash;
  }

  public Address from() {
    return from;
  }

  /** ETH minted to {@code from} on L2 before the transaction runs. */
  public UInt256 mint() {
    return mint;
  }

  /** Pre-Regolith system transactions are exempt from the L2 gas limit and use no gas. */
  public boolean isSystemTx() {
    return isSystemTx;
  }

  @Override
  public OptionalLong chainId() {
    return OptionalLong.empty();
  }

  @Override
  public long nonce() {
    return 0;
  }

  @Override
  public UInt256 maxFeePerGas() {
    return UInt256.ZERO;
  }

  @Override
  public UInt256 maxPriorityFeePerGas() {
    return UInt256.ZERO;
  }

  /** Deposits pay no L2 gas price (their gas is bought on L1). */
  @Override
  public UInt256 effectiveGasPrice(UInt256 baseFee) {
    return UInt256.ZERO;
  }

  @Override
  public Optional<UInt256> effectiveGasTip(UInt256 baseFee) {
    return Optional.of(UInt256.ZERO);
  }

  @Override
  public Address sender() {
    return from;
  }

  @Override
  void writePayload(RlpWriter writer) {
    writer.startList().writeHash(sourceHash).writeAddress(from);
    TransactionFields.writeTo(writer, to());
    writer
        .writeUInt256(mint)
        .writeUInt256(value())
        .writeLong(gasLimit())
        .writeBoolean(isSystemTx)
        .writeBytes(data())
        .endList();
  }

  static DepositTransaction readFields(RlpReader fields) {
    Hash sourceHash = fields.readHash();
    Address from = fields.readAddress();
    Optional<Address> to = fields.readOptionalAddress();
    UInt256 mint = fields.readUInt256();
    UInt256 value = fields.readUInt256();
    long gasLimit = fields.readLong();
    boolean isSystemTx = fields.readBoolean();
    Bytes data = fields.readBytesValue();
    fields.ensureEnd();
    return new DepositTransaction(sourceHash, from, to, mint, value, gasLimit, isSystemTx, data);
  }
}
