package io.merapi.types.json;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A transaction as JSON-RPC returns it ({@code eth_getTransactionByHash}, full blocks): the
 * transaction with its sender, and where it was included.
 *
 * @param inclusion the block and position; empty for a pending transaction
 * @param effectiveGasPrice for an included EIP-1559-style transaction, the price it paid (printed
 *     as {@code gasPrice}); otherwise empty and {@code gasPrice} is the fee cap
 * @param depositNonce for a deposit, the nonce its receipt records (printed as {@code nonce})
 * @param depositReceiptVersion for a deposit, its receipt's version (Canyon on)
 */
public record RpcTransaction(
    Transaction transaction,
    Optional<Inclusion> inclusion,
    Optional<UInt256> effectiveGasPrice,
    OptionalLong depositNonce,
    OptionalLong depositReceiptVersion) {

  /** Where a transaction sits in the chain. */
  public record Inclusion(Hash blockHash, long blockNumber, long transactionIndex) {
    public Inclusion {
      Objects.requireNonNull(blockHash, "blockHash");
    }
  }

  public RpcTransaction {
    Objects.requireNonNull(transaction, "transaction");
    Objects.requireNonNull(inclusion, "inclusion");
    Objects.requireNonNull(effectiveGasPrice, "effectiveGasPrice");
    Objects.requireNonNull(depositNonce, "depositNonce");
    Objects.requireNonNull(depositReceiptVersion, "depositReceiptVersion");
  }

  /** A transaction not in a block (pool contents, {@code eth_signTransaction}). */
  public static RpcTransaction pending(Transaction tx) {
    return new RpcTransaction(
        tx, Optional.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty());
  }

  /**
   * A transaction included in a block with {@code baseFeePerGas} (empty before London); {@code
   * receipt} supplies a deposit's nonce and receipt version (op-geth reads them from the receipt).
   */
  public static RpcTransaction included(
      Transaction tx,
      Hash blockHash,
      long blockNumber,
      long transactionIndex,
      Optional<UInt256> baseFeePerGas,
      Optional<Receipt> receipt) {
    Optional<UInt256> effective =
        paysEffectivePrice(tx.type()) ? baseFeePerGas.map(tx::effectiveGasPrice) : Optional.empty();
    OptionalLong nonce = receipt.map(Receipt::depositNonce).orElse(OptionalLong.empty());
    OptionalLong version = receipt.map(Receipt::depositReceiptVersion).orElse(OptionalLong.empty());
    return new RpcTransaction(
        tx,
        Optional.of(new Inclusion(blockHash, blockNumber, transactionIndex)),
        effective,
        nonce,
        version);
  }

  /** The types whose JSON {@code gasPrice} is the effective price once included. */
  static boolean paysEffectivePrice(TransactionType type) {
    return switch (type) {
      case DYNAMIC_FEE, BLOB, SET_CODE -> true;
      case LEGACY, ACCESS_LIST, DEPOSIT -> false;
    };
  }
}
