package io.merapi.types.transaction;

import static io.merapi.types.transaction.TransactionField.AUTHORIZATION_LIST;
import static io.merapi.types.transaction.TransactionField.TO_REQUIRED;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Signature;
import io.merapi.base.uint.UInt256;
import java.util.List;
import java.util.Optional;

/**
 * EIP-7702 (Prague): {@code 0x04 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
 * gasLimit, to, value, data, accessList, authorizationList, yParity, r, s])}. Like blob
 * transactions it cannot create a contract.
 */
public final class SetCodeTransaction extends TypedSignedTransaction {
  static final TransactionCodec<SetCodeTransaction> CODEC =
      new TransactionCodec<>(
          TransactionType.SET_CODE,
          TransactionField.dynamicFee(TO_REQUIRED, AUTHORIZATION_LIST),
          SetCodeTransaction::new);

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
    super(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        Optional.of(to),
        value,
        data,
        accessList,
        yParity,
        r,
        s);
    this.authorizationList = List.copyOf(authorizationList);
  }

  private SetCodeTransaction(TransactionCodec.Values v) {
    super(v);
    this.authorizationList = List.copyOf(v.authorizationList);
  }

  @Override
  TransactionCodec<SetCodeTransaction> codec() {
    return CODEC;
  }

  @Override
  public List<Authorization> authorizationList() {
    return authorizationList;
  }

  @Override
  public SetCodeTransaction withSignature(Signature signature) {
    return CODEC.withSignature(signature, this);
  }

  @Override
  int estimatedSize() {
    return super.estimatedSize() + 110 * authorizationList.size();
  }
}
