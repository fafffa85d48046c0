package io.merapi.execution.txpool;

import io.merapi.types.transaction.Transaction;
import java.util.List;

/**
 * Told about transactions that became pending (executable on the head): new ones, replacements, and
 * queued ones whose nonce gap closed. Called after the pool's lock is released, on the thread that
 * made the change; a listener should hand the work off quickly and must not throw.
 */
@FunctionalInterface
public interface PoolListener {
  void onNewPending(List<Transaction> transactions);
}
