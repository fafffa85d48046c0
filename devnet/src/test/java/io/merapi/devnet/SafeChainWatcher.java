package io.merapi.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.derive.L2BlockRef;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.service.rollup.HttpRollupClient;
import io.merapi.service.rollup.RollupClient;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devnet tests' standing check that the verifier agrees with the sequencer: every second the
 * verifier's {@code safe_l2} (derived from L1 data only) must be the sequencer engine's block at
 * that number. The first mismatch is kept and checking stops; {@link #verify} and {@link #close}
 * throw it, so a test that calls {@code verify} while it waits fails at once. Over the same
 * JSON-RPC a user has, so process tests can use it as well. A call that fails (a component
 * restarting or stopping) skips that second: the test's own waits catch a component that stays
 * down. Public for the process tests of cli (through this module's test jar).
 */
public final class SafeChainWatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SafeChainWatcher.class);
  private static final Duration INTERVAL = Duration.ofSeconds(1);
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);

  private final RollupClient verifierNode;
  private final RpcClient sequencerEngine;
  private final ScheduledExecutorService timer;
  private final AtomicReference<AssertionError> mismatch = new AtomicReference<>();
  private final AtomicLong highestChecked = new AtomicLong(-1);

  private SafeChainWatcher(URI verifierNode, URI sequencerEngine) {
    RpcClientOptions options = RpcClientOptions.defaults().withTimeout(CALL_TIMEOUT);
    this.verifierNode =
        new HttpRollupClient(HttpRpcClient.create(verifierNode, options), RetryPolicy.none());
    this.sequencerEngine = HttpRpcClient.create(sequencerEngine, options);
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("safe-chain-watcher").daemon().factory());
  }

  /**
   * Starts comparing the safe head of the rollup node at {@code verifierNode} with the chain of the
   * L2 engine at {@code sequencerEngine} (its user JSON-RPC).
   */
  public static SafeChainWatcher start(URI verifierNode, URI sequencerEngine) {
    SafeChainWatcher watcher = new SafeChainWatcher(verifierNode, sequencerEngine);
    watcher.timer.scheduleWithFixedDelay(
        watcher::checkOnce, 0, INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return watcher;
  }

  private void checkOnce() {
    if (mismatch.get() != null) {
      return;
    }
    L2BlockRef safe;
    JsonNode block;
    try {
      safe = verifierNode.syncStatus().safeL2();
      block =
          sequencerEngine.call(
              "eth_getBlockByNumber", "0x" + Long.toHexString(safe.number()), false);
    } catch (RuntimeException e) {
      LOG.debug("safe chain check skipped: {}", e.getMessage());
      return;
    }
    String sequencerHash = block.isNull() ? "no block" : block.path("hash").asText();
    if (!sequencerHash.equalsIgnoreCase(safe.hash().toHex())) {
      AssertionError error =
          new AssertionError(
              "the verifier's safe L2 block "
                  + safe.number()
                  + " is "
                  + safe.hash().toHex()
                  + ", the sequencer's block at that number is "
                  + sequencerHash);
      mismatch.compareAndSet(null, error);
      LOG.error("{}", error.getMessage());
      return;
    }
    highestChecked.accumulateAndGet(safe.number(), Math::max);
  }

  /** Throws the first mismatch seen so far, if any. */
  public void verify() {
    AssertionError error = mismatch.get();
    if (error != null) {
      throw error;
    }
  }

  /** The highest safe block found on the sequencer's chain, -1 before the first check. */
  public long highestChecked() {
    return highestChecked.get();
  }

  /** Stops checking; throws the first mismatch seen, if any. */
  @Override
  public void close() {
    timer.shutdownNow();
    try {
      timer.awaitTermination(CALL_TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      verifierNode.close();
      sequencerEngine.close();
    }
    verify();
  }
}
