package io.merapi.execution.txpool;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.execution.api.PoolAccess;
import io.merapi.rpc.RpcError;
import io.merapi.types.transaction.LegacyTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * The pool as the node's JSON-RPC sees it ({@link PoolAccess}): the pool side of {@code
 * eth_sendRawTransaction} (refusals as -32000 with geth's words, and geth's refusal of legacy
 * transactions without EIP-155 replay protection unless {@code --rpc.allow-unprotected-txs}), pool
 * lookups for {@code eth_getTransactionByHash}, the pending nonce for {@code
 * eth_getTransactionCount}, and the newly pending transactions for {@code newPendingTransactions}.
 */
public final class TxPoolAccess implements PoolAccess {
  private final TransactionPool pool;
  private final boolean allowUnprotected;

  public TxPoolAccess(TransactionPool pool, boolean allowUnprotected) {
    this.pool = pool;
    this.allowUnprotected = allowUnprotected;
  }

  @Override
  public Hash submit(Transaction tx) {
    if (!allowUnprotected && tx instanceof LegacyTransaction legacy && legacy.isPreEip155()) {
      throw RpcError.server("only replay-protected (EIP-155) transactions allowed over RPC")
          .exception();
    }
    try {
      return pool.add(tx);
    } catch (TxPoolException e) {
      throw RpcError.server(e.getMessage()).exception();
    }
  }

  @Override
  public Optional<Transaction> transaction(Hash hash) {
    return pool.get(hash);
  }

  @Override
  public OptionalLong pendingNonce(Address sender) {
    return pool.pendingNonce(sender);
  }

  @Override
  public void onNewTransactions(Consumer<List<Transaction>> listener) {
    pool.addListener(listener::accept);
  }
}
