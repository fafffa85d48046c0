package io.merapi.execution.api.eth;

import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.ChainJson;
import io.merapi.execution.api.PoolAccess;
import io.merapi.execution.api.TransactionViews;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.TransactionLocation;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import io.merapi.types.block.Block;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * Blocks, transactions and receipts of the chain, in geth's shapes: {@code null} for what is not
 * there, canonical blocks by number, any stored block by hash.
 */
public final class EthBlockMethods {
  private final ChainAccess chain;
  private final PoolAccess pool;

  public EthBlockMethods(ChainAccess chain, PoolAccess pool) {
    this.chain = chain;
    this.pool = pool;
  }

  public void register(RpcMethods methods) {
    methods.blocking("eth_getBlockByNumber", 2, 2, this::getBlockByNumber);
    methods.blocking("eth_getBlockByHash", 2, 2, this::getBlockByHash);
    methods.blocking("eth_getHeaderByNumber", 1, 1, p -> header(number(p)));
    methods.blocking("eth_getHeaderByHash", 1, 1, p -> header(byHash(p)));
    methods.blocking("eth_getBlockReceipts", 1, 1, this::getBlockReceipts);
    methods.blocking(
        "eth_getBlockTransactionCountByNumber", 1, 1, p -> transactionCount(number(p)));
    methods.blocking("eth_getBlockTransactionCountByHash", 1, 1, p -> transactionCount(byHash(p)));
    methods.blocking("eth_getUncleCountByBlockNumber", 1, 1, p -> uncleCount(number(p)));
    methods.blocking("eth_getUncleCountByBlockHash", 1, 1, p -> uncleCount(byHash(p)));
    methods.blocking(
        "eth_getTransactionByBlockNumberAndIndex", 2, 2, p -> transactionAt(number(p), p));
    methods.blocking(
        "eth_getTransactionByBlockHashAndIndex", 2, 2, p -> transactionAt(byHash(p), p));
    methods.blocking("eth_getTransactionByHash", 1, 1, this::getTransactionByHash);
    methods.blocking("eth_getTransactionReceipt", 1, 1, this::getTransactionReceipt);
  }

  private Optional<ChainHead> number(Params params) {
    return chain.find(BlockParam.number(params, 0));
  }

  private Optional<ChainHead> byHash(Params params) {
    return chain.byHash(BlockParam.hash(params, 0));
  }

  private Object getBlockByNumber(Params params) {
    Optional<ChainHead> block = number(params);
    return block(block, params.bool(1));
  }

  private Object getBlockByHash(Params params) {
    Optional<ChainHead> block = byHash(params);
    return block(block, params.bool(1));
  }

  private Object block(Optional<ChainHead> head, boolean full) {
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Block block = chain.block(head.get());
    List<Receipt> receipts =
        full && TransactionViews.needsReceipts(block) ? chain.receipts(head.get()) : List.of();
    return new ChainJson(TransactionViews.block(block, full, receipts));
  }

  private Object header(Optional<ChainHead> head) {
    return head.<Object>map(h -> new ChainJson(h.header())).orElse(Optional.empty());
  }

  private Object getBlockReceipts(Params params) {
    Optional<ChainHead> head = chain.find(BlockParam.numberOrHash(params, 0));
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Block block = chain.block(head.get());
    return new ChainJson(
        TransactionViews.receipts(
            chain.chain().config(), block, head.get().hash(), chain.receipts(head.get())));
  }

  private Object transactionCount(Optional<ChainHead> head) {
    return head.<Object>map(h -> Hex.quantity(chain.block(h).transactions().size()))
        .orElse(Optional.empty());
  }

  private Object uncleCount(Optional<ChainHead> head) {
    return head.<Object>map(h -> Hex.quantity(chain.block(h).ommers().size()))
        .orElse(Optional.empty());
  }

  private Object transactionAt(Optional<ChainHead> head, Params params) {
    long index = params.quantity(1);
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Block block = chain.block(head.get());
    if (index >= block.transactions().size()) {
      return Optional.empty();
    }
    List<Receipt> receipts =
        TransactionViews.needsReceipts(block) ? chain.receipts(head.get()) : List.of();
    return new ChainJson(TransactionViews.transaction(block, (int) index, receipts));
  }

  private Object getTransactionByHash(Params params) {
    Hash hash = BlockParam.hash(params, 0);
    Optional<TransactionLocation> location = chain.chain().transactionLocation(hash);
    if (location.isPresent()) {
      Optional<ChainHead> head = chain.byHash(location.get().blockHash());
      if (head.isPresent()) {
        Block block = chain.block(head.get());
        List<Receipt> receipts =
            TransactionViews.needsReceipts(block) ? chain.receipts(head.get()) : List.of();
        return new ChainJson(TransactionViews.transaction(block, location.get().index(), receipts));
      }
    }
    Optional<Transaction> pending = pool.transaction(hash);
    return pending
        .<Object>map(tx -> new ChainJson(RpcTransaction.pending(tx)))
        .orElse(Optional.empty());
  }

  private Object getTransactionReceipt(Params params) {
    Hash hash = BlockParam.hash(params, 0);
    Optional<TransactionLocation> location = chain.chain().transactionLocation(hash);
    if (location.isEmpty()) {
      return Optional.empty();
    }
    Optional<ChainHead> head = chain.byHash(location.get().blockHash());
    if (head.isEmpty()) {
      return Optional.empty();
    }
    Block block = chain.block(head.get());
    return new ChainJson(
        TransactionViews.receipt(
            chain.chain().config(),
            block,
            head.get().hash(),
            chain.receipts(head.get()),
            location.get().index()));
  }
}
