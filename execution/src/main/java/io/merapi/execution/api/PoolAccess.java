package io.merapi.execution.api;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;

/**
 * What the user-facing JSON-RPC needs of the transaction pool: submitting a signed transaction
 * ({@code eth_sendRawTransaction}), looking one up while it waits ({@code
 * eth_getTransactionByHash}), the next nonce of a sender counting its pending transactions ({@code
 * eth_getTransactionCount} with {@code pending}), and hearing of new ones (pending-transaction
 * filters and subscriptions).
 *
 * <p>The pool itself is the Engine API side's ({@code io.merapi.execution.txpool}); the node adapts
 * it to this interface. Without a pool ({@link #NONE}) submissions are refused with a clear error.
 */
public interface PoolAccess {
  /**
   * Validates and adds {@code tx}, returning its hash.
   *
   * @throws RpcException with geth's message when the pool refuses it
   */
  Hash submit(Transaction tx);

  Optional<Transaction> transaction(Hash hash);

  /** The nonce the sender's next transaction needs, if the pool holds any of theirs. */
  OptionalLong pendingNonce(Address sender);

  /** Calls {@code listener} with each batch of transactions the pool accepts. */
  void onNewTransactions(Consumer<List<Transaction>> listener);

  /** A node without a transaction pool. */
  PoolAccess NONE =
      new PoolAccess() {
        @Override
        public Hash submit(Transaction tx) {
          throw RpcError.server("this node has no transaction pool").exception();
        }

        @Override
        public Optional<Transaction> transaction(Hash hash) {
          return Optional.empty();
        }

        @Override
        public OptionalLong pendingNonce(Address sender) {
          return OptionalLong.empty();
        }

        @Override
        public void onNewTransactions(Consumer<List<Transaction>> listener) {}
      };
}
