package io.merapi.batcher.metrics;

import io.merapi.service.metrics.MetricsFactory;
import io.merapi.service.metrics.RefMetrics;
import io.merapi.service.metrics.ServiceMetrics;
import io.merapi.service.rollup.SyncStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import java.time.Clock;

/**
 * What the batcher reports, in op-batcher's metric families under {@code op_batcher_default}:
 * {@code up}, {@code info}, L1/L2 refs by type, pending blocks, blocks added to channels, channel
 * and batcher-transaction events by stage, and bytes into and out of channels. Thread-safe.
 */
public final class BatcherMetrics extends ServiceMetrics {
  public static final String NAMESPACE = "op_batcher_default";

  private final RefMetrics refs;
  private final Gauge pendingBlocks;
  private final Counter blocksAdded;
  private final Counter channelEvents;
  private final Counter batcherTxEvents;
  private final Counter inputBytes;
  private final Counter outputBytes;
  private final Counter resets;

  public BatcherMetrics() {
    super(NAMESPACE, "op-batcher", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    MetricsFactory factory = factory();
    refs = new RefMetrics(factory, Clock.systemUTC());
    pendingBlocks =
        factory.gauge(
            "pending_blocks_count", "Number of pending blocks, not added to a channel yet.");
    blocksAdded =
        factory.counter("blocks_added_count", "Total number of blocks added to current channel.");
    channelEvents = factory.counter("channel_total", "Count of Channel events", "stage");
    batcherTxEvents = factory.counter("batcher_tx_total", "Count of BatcherTx events", "stage");
    inputBytes = factory.counter("input_bytes_total", "Total number of bytes to a channel.");
    outputBytes =
        factory.counter(
            "output_bytes_total", "Total number of compressed output bytes from a channel.");
    resets =
        factory.counter("state_resets_total", "Times the batcher restarted from the safe head");
  }

  /**
   * The refs the batcher works from, by type: the L1 {@code head} and {@code current} (the node's
   * derivation origin), the L2 {@code unsafe} and {@code safe} heads.
   */
  public void recordSyncStatus(SyncStatus status) {
    refs.recordL1Ref("head", status.headL1());
    refs.recordL1Ref("current", status.currentL1());
    refs.recordL2Ref("unsafe", status.unsafeL2());
    refs.recordL2Ref("safe", status.safeL2());
  }

  public void recordPendingBlocks(int count) {
    pendingBlocks.set(count);
  }

  public void recordBlockLoaded() {
    blocksAdded.inc();
  }

  /**
   * A channel event: {@code opened}, {@code closed}, {@code fully_submitted}, {@code timed_out}.
   */
  public void recordChannel(String stage) {
    channelEvents.labelValues(stage).inc();
  }

  /** A batcher transaction event: {@code submitted}, {@code success} or {@code failed}. */
  public void recordTx(String stage, int frameBytes) {
    batcherTxEvents.labelValues(stage).inc();
    if (stage.equals("success")) {
      outputBytes.inc(frameBytes);
    }
  }

  public void recordInputBytes(long bytes) {
    inputBytes.inc(bytes);
  }

  public void recordReset() {
    resets.inc();
  }
}
