package io.merapi.execution.api.sign;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.PoolAccess;
import io.merapi.execution.api.call.CallArgs;
import io.merapi.execution.api.call.CallSimulator;
import io.merapi.execution.api.call.StateOverrides;
import io.merapi.execution.api.fee.GasPriceOracle;
import io.merapi.execution.chain.ChainHead;
import io.merapi.state.Account;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.AccessListTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.SignedTransaction;
import java.util.OptionalLong;

/**
 * Turns the transaction-shaped argument of {@code eth_sendTransaction}, {@code eth_signTransaction}
 * and {@code eth_fillTransaction} into an unsigned transaction, filling what the caller left out as
 * geth's {@code TransactionArgs.setDefaults} does: fees (the oracle's tip and twice the head's base
 * fee on top), the value, the sender's next nonce counting its pooled transactions, the gas from an
 * estimate on the head, and the chain id. A {@code gasPrice} makes a legacy transaction (an
 * EIP-2930 one with an access list), otherwise it is EIP-1559.
 */
public final class TransactionFiller {
  private final ChainAccess chain;
  private final PoolAccess pool;
  private final CallSimulator simulator;
  private final GasPriceOracle oracle;

  public TransactionFiller(
      ChainAccess chain, PoolAccess pool, CallSimulator simulator, GasPriceOracle oracle) {
    this.chain = chain;
    this.pool = pool;
    this.simulator = simulator;
    this.oracle = oracle;
  }

  /**
   * The transaction {@code args} describe, with every field filled and a zero signature.
   *
   * @throws io.merapi.rpc.RpcException -32000 with geth's words for contradictory or impossible
   *     arguments, or the estimate's error (code 3 for a revert)
   */
  public SignedTransaction fill(CallArgs args) {
    if (args.maxFeePerBlobGas().isPresent() || args.blobVersionedHashes().isPresent()) {
      throw ChainAccess.serverError(
          "blob transactions are not filled or signed by the node: sign one with its sidecar and"
              + " send it with eth_sendRawTransaction");
    }
    if (args.to().isEmpty() && args.input().map(Bytes::isEmpty).orElse(true)) {
      throw ChainAccess.serverError("contract creation without any data provided");
    }
    long chainId = chain.chain().config().chainId();
    if (args.chainId().isPresent() && !args.chainId().get().equals(UInt256.valueOf(chainId))) {
      throw ChainAccess.serverError(
          "chainId does not match node's (have="
              + args.chainId().get().toDecimalString()
              + ", want="
              + chainId
              + ")");
    }
    ChainHead head = chain.head();
    CallArgs filled = withFees(args, head);
    Address from = args.sender();
    long nonce =
        args.nonce().isPresent()
            ? args.nonce().getAsLong()
            : pool.pendingNonce(from)
                .orElseGet(() -> chain.state(head).account(from).map(Account::nonce).orElse(0L));
    filled = filled.withNonce(nonce);
    long gas =
        args.gas().isPresent()
            ? args.gas().getAsLong()
            : simulator.estimateGas(filled, head, StateOverrides.NONE);
    UInt256 value = args.value().orElse(UInt256.ZERO);
    Bytes input = args.input().orElse(Bytes.EMPTY);
    if (filled.gasPrice().isPresent()) {
      UInt256 price = filled.gasPrice().get();
      if (args.accessList().isPresent()) {
        return new AccessListTransaction(
            chainId,
            nonce,
            price,
            gas,
            args.to(),
            value,
            input,
            args.accessList().get(),
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO);
      }
      return LegacyTransaction.unsigned(
          OptionalLong.of(chainId), nonce, price, gas, args.to(), value, input);
    }
    return new DynamicFeeTransaction(
        chainId,
        nonce,
        filled.maxPriorityFeePerGas().orElseThrow(),
        filled.maxFeePerGas().orElseThrow(),
        gas,
        args.to(),
        value,
        input,
        args.accessList().orElse(AccessList.EMPTY),
        UInt256.ZERO,
        UInt256.ZERO,
        UInt256.ZERO);
  }

  /** geth's {@code setFeeDefaults}: the caller's fees checked, the missing ones suggested. */
  private CallArgs withFees(CallArgs args, ChainHead head) {
    boolean anyDynamic = args.maxFeePerGas().isPresent() || args.maxPriorityFeePerGas().isPresent();
    if (args.gasPrice().isPresent() && anyDynamic) {
      throw ChainAccess.serverError(
          "both gasPrice and (maxFeePerGas or maxPriorityFeePerGas) specified");
    }
    if (args.gasPrice().isPresent()) {
      return args;
    }
    if (head.header().baseFeePerGas().isEmpty()) {
      // Before London only a legacy price exists.
      if (anyDynamic) {
        throw ChainAccess.serverError(
            "maxFeePerGas and maxPriorityFeePerGas are not valid before London is active");
      }
      return args.withGasPrice(oracle.gasPrice());
    }
    UInt256 tip = args.maxPriorityFeePerGas().orElseGet(oracle::suggestTip);
    UInt256 feeCap =
        args.maxFeePerGas()
            .orElseGet(
                () ->
                    head.header()
                        .baseFeePerGas()
                        .orElseThrow()
                        .multiply(UInt256.valueOf(2))
                        .add(tip));
    if (feeCap.compareTo(tip) < 0) {
      throw ChainAccess.serverError(
          "maxFeePerGas ("
              + feeCap.toDecimalString()
              + ") < maxPriorityFeePerGas ("
              + tip.toDecimalString()
              + ")");
    }
    return args.withFees(feeCap, tip);
  }
}
