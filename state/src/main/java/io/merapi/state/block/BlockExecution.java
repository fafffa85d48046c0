package io.merapi.state.block;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.state.AccountChange;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * What executing a block produced, before the state is committed: the transactions included, their
 * receipts (cumulative gas, per-receipt bloom), the block's gas and blob gas used, its logs bloom,
 * the receipts, transactions and withdrawals roots, the EIP-7685 requests (from Prague), and the
 * net state changes for {@code io.merapi.state.store.StateCommitter} to turn into the state root.
 */
public record BlockExecution(
    List<Transaction> transactions,
    List<Receipt> receipts,
    Optional<List<Withdrawal>> withdrawals,
    long gasUsed,
    long blobGasUsed,
    LogsBloom logsBloom,
    List<AccountChange> changes,
    Optional<ExecutionRequests> requests) {

  public BlockExecution {
    transactions = List.copyOf(transactions);
    receipts = List.copyOf(receipts);
    withdrawals = withdrawals.map(List::copyOf);
    changes = List.copyOf(changes);
  }

  /** The receipts trie root (Yellow Paper 4.3.1; typed receipts by their envelope). */
  public Hash receiptsRoot() {
    return OrderedListRoot.of(receipts.size(), i -> receipts.get(i).trieEncoded());
  }

  public Hash transactionsRoot() {
    return OrderedListRoot.of(transactions.size(), i -> transactions.get(i).encoded());
  }

  /** EIP-7685's {@code requestsHash}, or empty for a block without requests. */
  public Optional<Hash> requestsHash() {
    return requests.map(ExecutionRequests::hash);
  }

  /** EIP-4895's withdrawals root, or empty before Shanghai. */
  public Optional<Hash> withdrawalsRoot() {
    return withdrawals.map(BlockExecution::withdrawalsRoot);
  }

  public static Hash withdrawalsRoot(List<Withdrawal> withdrawals) {
    return OrderedListRoot.of(
        withdrawals.size(),
        i -> {
          RlpWriter writer = new RlpWriter(64);
          withdrawals.get(i).writeTo(writer);
          return writer.toByteArray();
        });
  }
}
