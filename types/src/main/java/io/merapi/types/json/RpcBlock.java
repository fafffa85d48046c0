package io.merapi.types.json;

import io.merapi.base.bytes.Hash;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A block as JSON-RPC returns it ({@code eth_getBlockByHash/Number}): the header fields with the
 * block {@code hash} and {@code size}, the transactions as hashes or full objects, the ommer hashes
 * ({@code uncles}) and the withdrawals.
 */
public record RpcBlock(
    Header header,
    long size,
    Transactions transactions,
    List<Hash> uncles,
    Optional<List<Withdrawal>> withdrawals) {

  /** The {@code transactions} field: hashes only, or full transaction objects. */
  public sealed interface Transactions {}

  public record Hashes(List<Hash> hashes) implements Transactions {
    public Hashes {
      hashes = List.copyOf(hashes);
    }
  }

  public record Full(List<RpcTransaction> transactions) implements Transactions {
    public Full {
      transactions = List.copyOf(transactions);
    }
  }

  public RpcBlock {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(transactions, "transactions");
    uncles = List.copyOf(uncles);
    withdrawals = withdrawals.map(List::copyOf);
  }

  /**
   * The block this view carries, read with full transactions ({@code eth_getBlockByNumber(n,
   * true)}). A block without transactions lists none either way. The ommers are left out: the view
   * has only their hashes, and there are none after the merge.
   *
   * @throws IllegalArgumentException if the view lists transaction hashes only
   */
  public Block toBlock() {
    List<Transaction> txs =
        switch (transactions) {
          case Full full -> full.transactions().stream().map(RpcTransaction::transaction).toList();
          case Hashes hashes when hashes.hashes().isEmpty() -> List.of();
          case Hashes hashes ->
              throw new IllegalArgumentException(
                  "block "
                      + header.number()
                      + " lists transaction hashes only, where full transactions were asked for");
        };
    return new Block(header, new BlockBody(txs, List.of(), withdrawals));
  }

  /**
   * The JSON view of {@code block}. {@code receipts} (the block's, in order, or an empty list if
   * not at hand) supply deposit nonces to full transaction objects.
   */
  public static RpcBlock of(Block block, boolean fullTransactions, List<Receipt> receipts) {
    Hash hash = block.hash();
    List<Transaction> txs = block.transactions();
    Transactions transactions;
    if (fullTransactions) {
      List<RpcTransaction> full = new ArrayList<>(txs.size());
      for (int i = 0; i < txs.size(); i++) {
        Optional<Receipt> receipt =
            i < receipts.size() ? Optional.of(receipts.get(i)) : Optional.empty();
        full.add(
            RpcTransaction.included(
                txs.get(i), hash, block.number(), i, block.header().baseFeePerGas(), receipt));
      }
      transactions = new Full(full);
    } else {
      transactions = new Hashes(txs.stream().map(Transaction::hash).toList());
    }
    return new RpcBlock(
        block.header(),
        block.encoded().length,
        transactions,
        block.ommers().stream().map(Header::hash).toList(),
        block.withdrawals());
  }
}
