package io.merapi.types.transaction;

import static io.merapi.types.transaction.TransactionField.TO;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Signature;
import io.merapi.base.uint.UInt256;
import java.util.Optional;

/**
 * EIP-1559 (London): {@code 0x02 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
 * gasLimit, to, value, data, accessList, yParity, r, s])}.
 */
public final class DynamicFeeTransaction extends TypedSignedTransaction {
  static final TransactionCodec<DynamicFeeTransaction> CODEC =
      new TransactionCodec<>(
          TransactionType.DYNAMIC_FEE, TransactionField.dynamicFee(TO), DynamicFeeTransaction::new);

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
    super(
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

  private DynamicFeeTransaction(TransactionCodec.Values v) {
    super(v);
  }

  @Override
  TransactionCodec<DynamicFeeTransaction> codec() {
    return CODEC;
  }

  @Override
  public DynamicFeeTransaction withSignature(Signature signature) {
    return CODEC.withSignature(signature, this);
  }
}
