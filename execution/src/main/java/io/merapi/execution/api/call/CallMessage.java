package io.merapi.execution.api.call;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * A message to execute as if it were a transaction from {@code from}, which need not sign it
 * (geth's {@code core.Message} with nonce and sender-code checks skipped).
 *
 * @param gasPrice the price per gas paid: the legacy price, or {@code min(tip + baseFee, feeCap)}
 */
public record CallMessage(
    Address from,
    Optional<Address> to,
    long gasLimit,
    UInt256 gasPrice,
    UInt256 feeCap,
    UInt256 tipCap,
    UInt256 value,
    long nonce,
    Bytes data,
    AccessList accessList,
    Optional<UInt256> blobFeeCap,
    List<Hash> blobHashes) {
  public CallMessage {
    blobHashes = List.copyOf(blobHashes);
  }

  public CallMessage withGasLimit(long gas) {
    return new CallMessage(
        from,
        to,
        gas,
        gasPrice,
        feeCap,
        tipCap,
        value,
        nonce,
        data,
        accessList,
        blobFeeCap,
        blobHashes);
  }

  public CallMessage withAccessList(AccessList list) {
    return new CallMessage(
        from,
        to,
        gasLimit,
        gasPrice,
        feeCap,
        tipCap,
        value,
        nonce,
        data,
        list,
        blobFeeCap,
        blobHashes);
  }

  /**
   * The message's fields as an unsigned transaction, so that the gas rules written for transactions
   * ({@link io.merapi.types.transaction.IntrinsicGas}) apply to it unchanged.
   */
  Transaction asUnsignedTransaction(long chainId) {
    return new DynamicFeeTransaction(
        chainId,
        nonce,
        tipCap,
        feeCap,
        gasLimit,
        to,
        value,
        data,
        accessList,
        UInt256.ZERO,
        UInt256.ZERO,
        UInt256.ZERO);
  }
}
