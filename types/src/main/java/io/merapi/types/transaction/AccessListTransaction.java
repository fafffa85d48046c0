package io.merapi.types.transaction;

import static io.merapi.types.transaction.TransactionField.ACCESS_LIST;
import static io.merapi.types.transaction.TransactionField.CHAIN_ID;
import static io.merapi.types.transaction.TransactionField.DATA;
import static io.merapi.types.transaction.TransactionField.GAS_LIMIT;
import static io.merapi.types.transaction.TransactionField.GAS_PRICE;
import static io.merapi.types.transaction.TransactionField.NONCE;
import static io.merapi.types.transaction.TransactionField.TO;
import static io.merapi.types.transaction.TransactionField.VALUE;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Signature;
import io.merapi.base.uint.UInt256;
import java.util.List;
import java.util.Optional;

/**
 * EIP-2930 (Berlin): {@code 0x01 || rlp([chainId, nonce, gasPrice, gasLimit, to, value, data,
 * accessList, yParity, r, s])}.
 */
public final class AccessListTransaction extends TypedSignedTransaction {
  static final TransactionCodec<AccessListTransaction> CODEC =
      new TransactionCodec<>(
          TransactionType.ACCESS_LIST,
          List.of(CHAIN_ID, NONCE, GAS_PRICE, GAS_LIMIT, TO, VALUE, DATA, ACCESS_LIST),
          AccessListTransaction::new);

  public AccessListTransaction(
      long chainId,
      long nonce,
      UInt256 gasPrice,
      long gasLimit,
      Optional<Address> to,
      UInt256 value,
      Bytes data,
      AccessList accessList,
      UInt256 yParity,
      UInt256 r,
      UInt256 s) {
    super(chainId, nonce, gasPrice, gasPrice, gasLimit, to, value, data, accessList, yParity, r, s);
  }

  private AccessListTransaction(TransactionCodec.Values v) {
    super(v);
  }

  @Override
  TransactionCodec<AccessListTransaction> codec() {
    return CODEC;
  }

  public UInt256 gasPrice() {
    return maxFeePerGas();
  }

  @Override
  public AccessListTransaction withSignature(Signature signature) {
    return CODEC.withSignature(signature, this);
  }
}
