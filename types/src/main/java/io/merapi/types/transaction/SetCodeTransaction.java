package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Signature;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * EIP-7702 (Prague): {@code 0x04 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
 * gasLimit, to, value, data, accessList, authorizationList, yParity, r, s])}. Like blob
 * transactions it cannot create a contract.
 */
public final class SetCodeTransaction extends SignedTransaction {
  private final long chainId;
  private final UInt256 maxPriorityFeePerGas;
  private final UInt256 maxFeePerGas;
  private final AccessList accessList;
  private final List<Authorization> authorizationList;

  public SetCodeTransaction(
      long chainId,
      long nonce,
      UInt256 maxPriorityFeePerGas,
      UInt256 maxFeePerGas,
      long gasLimit,
      Address to,
      UInt256 value,
      Bytes data,
      AccessList accessList,
      List<Authorization> authorizationList,
      UInt256 yParity,
      UInt256 r,
      UInt256 s) {
    super(nonce, gasLimit, Optional.of(to), value, data, yParity, r, s);
    this.chainId = chainId;
    this.maxPriorityFeePerGas = Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFee");
    this.maxFeePerGas = Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    this.accessList = Objects.requireNonNull(accessList, "accessList");
    this.authorizationList = List.copyOf(authorizationList);
  }

  @Override
  public TransactionType type() {
    return TransactionType.SET_CODE;
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
  public List<Authorization> authorizationList() {
    return authorizationList;
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
  public SetCodeTransaction withSignature(Signature signature) {
    return new SetCodeTransaction(
        chainId,
        nonce(),
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit(),
        to().orElseThrow(),
        value(),
        data(),
        accessList,
        authorizationList,
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
        .writeLong(gasLimit())
        .writeAddress(to().orElseThrow())
        .writeUInt256(value())
        .writeBytes(data());
    accessList.writeTo(writer);
    writer.startList();
    for (Authorization authorization : authorizationList) {
      authorization.writeTo(writer);
    }
    writer.endList();
  }

  @Override
  void writePayload(RlpWriter writer) {
    writer.startList();
    writeSignedFields(writer);
    TransactionFields.writeSignature(writer, this);
    writer.endList();
  }

  @Override
  int estimatedSize() {
    return super.estimatedSize() + 110 * authorizationList.size();
  }

  static SetCodeTransaction readFields(RlpReader fields) {
    long chainId = fields.readLong();
    long nonce = fields.readLong();
    UInt256 maxPriorityFeePerGas = fields.readUInt256();
    UInt256 maxFeePerGas = fields.readUInt256();
    long gasLimit = fields.readLong();
    Address to = fields.readAddress();
    UInt256 value = fields.readUInt256();
    Bytes data = fields.readBytesValue();
    AccessList accessList = AccessList.readFrom(fields);
    RlpReader authorizations = fields.readList();
    List<Authorization> authorizationList = new ArrayList<>();
    while (authorizations.hasNext()) {
      authorizationList.add(Authorization.readFrom(authorizations));
    }
    UInt256 yParity = fields.readUInt256();
    UInt256 r = fields.readUInt256();
    UInt256 s = fields.readUInt256();
    fields.ensureEnd();
    return new SetCodeTransaction(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        to,
        value,
        data,
        accessList,
        authorizationList,
        yParity,
        r,
        s);
  }
}
