package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Signature;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * EIP-1559 (London): {@code 0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
 * gasLimit, to, value, data, accessList, yParity, r, s])}.
 */
public final class DynamicFeeTransaction extends SignedTransaction {
  private final long chainId;
  private final UInt256 maxPriorityFeePerGas;
  private final UInt256 maxFeePerGas;
  private final AccessList accessList;

  public DynamicFeeTransaction(
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

  @Override
  public TransactionType type() {
    return TransactionType.DYNAMIC_FEE;
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
    return TransactionFields.signingHash(this, this::writeSignedFields);
  }

  @Override
  public DynamicFeeTransaction withSignature(Signature signature) {
    return new DynamicFeeTransaction(
        chainId,
        nonce(),
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit(),
        to(),
        value(),
        data(),
        accessList,
        UInt256.valueOf(signature.recoveryId()),
        signature.r(),
        signature.s());
  }

  private void writeSignedFields(RlpWriter writer) {
    writer
        .writeLong(chainId)
        .writeLong(nonce())
        .writeUInt256(maxPriorityFeePerGas)
        .writeUInt256(maxFeePerGas)
        .writeLong(gasLimit());
    TransactionFields.writeTo(writer, to());
    writer.writeUInt256(value()).writeBytes(data());
    accessList.writeTo(writer);
  }

  @Override
  void writePayload(RlpWriter writer) {
    writer.startList();
    writeSignedFields(writer);
    TransactionFields.writeSignature(writer, this);
    writer.endList();
  }

  static DynamicFeeTransaction readFields(RlpReader fields) {
    long chainId = fields.readLong();
    long nonce = fields.readLong();
    UInt256 maxPriorityFeePerGas = fields.readUInt256();
    UInt256 maxFeePerGas = fields.readUInt256();
    long gasLimit = fields.readLong();
    Optional<Address> to = fields.readOptionalAddress();
    UInt256 value = fields.readUInt256();
    Bytes data = fields.readBytesValue();
    AccessList accessList = AccessList.readFrom(fields);
    UInt256 yParity = fields.readUInt256();
    UInt256 r = fields.readUInt256();
    UInt256 s = fields.readUInt256();
    fields.ensureEnd();
    return new DynamicFeeTransaction(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        to,
        value,
        data,
        accessList,
        yParity,
        r,
        s);
  }
}
