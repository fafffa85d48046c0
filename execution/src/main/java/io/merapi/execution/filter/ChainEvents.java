package io.merapi.execution.filter;

import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.ChainJson;
import io.merapi.execution.api.PoolAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.HeadChange;
import io.merapi.execution.chain.HeadListener;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.subscription.EventFilter;
import io.merapi.rpc.subscription.Topic;
import io.merapi.types.json.RpcLog;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns head changes and pool arrivals into what clients follow: the {@code newHeads}, {@code logs}
 * and {@code newPendingTransactions} subscriptions ({@code eth_subscribe} over WebSocket) and the
 * installed filters polled with {@code eth_getFilterChanges}. A reorg first sends the logs of the
 * blocks that left the canonical chain with {@code removed: true}, then the new blocks, oldest
 * first, as geth does.
 *
 * <p>Head changes arrive on the importing thread; the work (reading receipts, encoding) runs on one
 * thread of its own so that imports do not wait for it, and in order.
 */
public final class ChainEvents implements HeadListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ChainEvents.class);

  private final ChainAccess chain;
  private final LogSearch search;
  private final InstalledFilters filters;
  private final ExecutorService worker;
  private Topic<ChainHead> newHeads;
  private Topic<List<RpcLog>> logs;
  private Topic<List<Transaction>> pending;

  public ChainEvents(ChainAccess chain, LogSearch search, InstalledFilters filters) {
    this(chain, search, filters, "chain-events");
  }

  /** ...whose thread is called {@code threadName}. */
  public ChainEvents(
      ChainAccess chain, LogSearch search, InstalledFilters filters, String threadName) {
    this.chain = chain;
    this.search = search;
    this.filters = filters;
    this.worker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Registers the subscription kinds and starts following the chain and the pool. */
  public void start(RpcMethods methods, PoolAccess pool) {
    newHeads =
        methods.subscription(
            "eth", "newHeads", 0, params -> (head, notify) -> notify.accept(headJson(head)));
    logs = methods.subscription("eth", "logs", 1, ChainEvents::logsFilter);
    pending = methods.subscription("eth", "newPendingTransactions", 1, ChainEvents::pendingFilter);
    chain.chain().addHeadListener(this);
    pool.onNewTransactions(txs -> worker.execute(() -> publishPending(txs)));
  }

  private static ChainJson headJson(ChainHead head) {
    return new ChainJson(head.header());
  }

  private static EventFilter<List<RpcLog>> logsFilter(Params params) {
    LogFilter filter = params.has(0) ? FilterMethods.criteria(params, 0).filter() : LogFilter.ALL;
    return (batch, notify) -> {
      for (RpcLog log : batch) {
        if (filter.matches(log.log())) {
          notify.accept(new ChainJson(log));
        }
      }
    };
  }

  private static EventFilter<List<Transaction>> pendingFilter(Params params) {
    boolean full = params.has(0) && params.bool(0);
    return (txs, notify) -> {
      for (Transaction tx : txs) {
        notify.accept(full ? new ChainJson(RpcTransaction.pending(tx)) : tx.hash().toHex());
      }
    };
  }

  @Override
  public void onHeadChange(HeadChange change) {
    worker.execute(
        () -> {
          try {
            publish(change);
          } catch (RuntimeException e) {
            LOG.error("publishing head change to {} failed", change.current().hash(), e);
          }
        });
  }

  private void publish(HeadChange change) {
    for (ChainHead removed : change.removed()) {
      List<RpcLog> gone = new ArrayList<>();
      for (RpcLog log : search.logs(LogFilter.ALL, removed)) {
        gone.add(
            new RpcLog(
                log.log(),
                log.blockNumber(),
                log.transactionHash(),
                log.transactionIndex(),
                log.blockHash(),
                log.logIndex(),
                true,
                log.blockTimestamp()));
      }
      if (!gone.isEmpty()) {
        logs.publish(gone);
        filters.addLogs(gone);
      }
    }
    for (ChainHead added : change.added()) {
      newHeads.publish(added);
      filters.addBlock(added.hash());
      if (!added.header().logsBloom().isEmpty()) {
        List<RpcLog> blockLogs = search.logs(LogFilter.ALL, added);
        if (!blockLogs.isEmpty()) {
          logs.publish(blockLogs);
          filters.addLogs(blockLogs);
        }
      }
    }
  }

  private void publishPending(List<Transaction> txs) {
    pending.publish(txs);
    filters.addPending(txs);
  }

  /** Waits until the events handed over so far are published (tests). */
  public void awaitIdle() throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    worker.execute(done::countDown);
    done.await();
  }

  @Override
  public void close() {
    chain.chain().removeHeadListener(this);
    worker.shutdown();
    try {
      worker.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
