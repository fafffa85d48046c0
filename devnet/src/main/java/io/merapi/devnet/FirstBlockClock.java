package io.merapi.devnet;

import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.HeadChange;
import io.merapi.execution.chain.HeadListener;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures what a developer waits for: the time from the JVM's start to the sequencer's first new
 * L2 block, logged once ("first L2 block #1 0x… 3.4 s after start") and kept for tests and the
 * benchmark.
 */
final class FirstBlockClock implements HeadListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(FirstBlockClock.class);

  private final Blockchain chain;
  private final long startMillis;
  private final long headAtStart;
  private final CompletableFuture<Duration> first = new CompletableFuture<>();

  private FirstBlockClock(Blockchain chain, long startMillis) {
    this.chain = chain;
    this.startMillis = startMillis;
    this.headAtStart = chain.head().number();
  }

  /** Watches {@code chain} for its first block past the current head, timed from JVM start. */
  static FirstBlockClock watch(Blockchain chain) {
    FirstBlockClock clock =
        new FirstBlockClock(chain, ManagementFactory.getRuntimeMXBean().getStartTime());
    chain.addHeadListener(clock);
    return clock;
  }

  @Override
  public void onHeadChange(HeadChange change) {
    if (first.isDone() || change.current().number() <= headAtStart) {
      return;
    }
    Duration elapsed = Duration.ofMillis(System.currentTimeMillis() - startMillis);
    if (first.complete(elapsed)) {
      LOG.info(
          "First L2 block #{} {} {} s after start",
          change.current().number(),
          change.current().hash().toHex(),
          String.format("%.1f", elapsed.toMillis() / 1000.0));
    }
  }

  /** Completes with the time from JVM start to the first new L2 block. */
  CompletableFuture<Duration> firstBlock() {
    return first;
  }

  @Override
  public void close() {
    chain.removeHeadListener(this);
  }
}
