package io.merapi.execution.api.debug;

import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.PoolAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.TransactionLocation;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;

/**
 * The consensus encodings of stored data: {@code debug_getRawHeader}, {@code debug_getRawBlock},
 * {@code debug_getRawReceipts} (each receipt's binary form, typed ones with their type byte) and
 * {@code debug_getRawTransaction} (the canonical form, also for a pooled transaction).
 */
public final class DebugRawMethods {
  private final ChainAccess chain;
  private final PoolAccess pool;

  public DebugRawMethods(ChainAccess chain, PoolAccess pool) {
    this.chain = chain;
    this.pool = pool;
  }

  public void register(RpcMethods methods) {
    methods.blocking("debug_getRawHeader", 1, 1, this::rawHeader);
    methods.blocking("debug_getRawBlock", 1, 1, this::rawBlock);
    methods.blocking("debug_getRawReceipts", 1, 1, this::rawReceipts);
    methods.blocking("debug_getRawTransaction", 1, 1, this::rawTransaction);
  }

  private ChainHead block(Params params, String what) {
    BlockParam param = BlockParam.numberOrHash(params, 0);
    return chain
        .find(param)
        .orElseThrow(() -> ChainAccess.serverError(what + " " + param.describe() + " not found"));
  }

  private Object rawHeader(Params params) {
    return Hex.encode(block(params, "header").header().encoded());
  }

  private Object rawBlock(Params params) {
    return Hex.encode(chain.block(block(params, "block")).encoded());
  }

  private Object rawReceipts(Params params) {
    List<Receipt> receipts = chain.receipts(block(params, "block"));
    return receipts.stream().map(r -> Hex.encode(r.encoded())).toList();
  }

  private Object rawTransaction(Params params) {
    Hash hash = BlockParam.hash(params, 0);
    Optional<TransactionLocation> location = chain.chain().transactionLocation(hash);
    if (location.isPresent()) {
      Optional<ChainHead> head = chain.byHash(location.get().blockHash());
      if (head.isPresent()) {
        Transaction tx = chain.block(head.get()).transactions().get(location.get().index());
        return Hex.encode(tx.encoded());
      }
    }
    return pool.transaction(hash)
        .<Object>map(tx -> Hex.encode(tx.encoded()))
        .orElse(Optional.empty());
  }
}
