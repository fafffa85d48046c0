package io.merapi.batcher.metrics;

import io.merapi.rpc.metrics.PrometheusEndpoint;
import io.merapi.rpc.server.RpcServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What the batcher reports, in op-batcher's metric families under {@code op_batcher_default}:
 * {@code up}, {@code info}, L1/L2 refs by type, pending blocks, blocks added to channels, channel
 * and batcher-transaction events by stage, and bytes into and out of channels. Built with the
 * Prometheus client that Micrometer's registry runs on (as the node's metrics are), so names and
 * labels come out as op-batcher's. Thread-safe.
 */
public final class BatcherMetrics {
  public static final String NAMESPACE = "op_batcher_default";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Info info;
  private final Gauge up;
  private final Gauge refsNumber;
  private final Gauge pendingBlocks;
  private final Counter blocksAdded;
  private final Counter channelEvents;
  private final Counter batcherTxEvents;
  private final Counter inputBytes;
  private final Counter outputBytes;
  private final Counter resets;

  public BatcherMetrics() {
    PrometheusRegistry prometheus = registry.getPrometheusRegistry();
    info =
        Info.builder()
            .name(NAMESPACE)
            .help("Pseudo-metric tracking version and config info")
            .labelNames("version")
            .register(prometheus);
    up =
        Gauge.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_up")
            .help("1 if the op-batcher has finished starting up")
            .register(prometheus);
    refsNumber =
        Gauge.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_refs_number")
            .help("Gauge representing the different L1/L2 reference block numbers")
            .labelNames("layer", "type")
            .register(prometheus);
    pendingBlocks =
        Gauge.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_pending_blocks_count")
            .help("Number of pending blocks, not added to a channel yet.")
            .register(prometheus);
    blocksAdded =
        Counter.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_blocks_added_count")
            .help("Total number of blocks added to current channel.")
            .register(prometheus);
    channelEvents =
        Counter.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_channel_total")
            .help("Count of Channel events")
            .labelNames("stage")
            .register(prometheus);
    batcherTxEvents =
        Counter.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_batcher_tx_total")
            .help("Count of BatcherTx events")
            .labelNames("stage")
            .register(prometheus);
    inputBytes =
        Counter.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_input_bytes_total")
            .help("Total number of bytes to a channel.")
            .register(prometheus);
    outputBytes =
        Counter.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_output_bytes_total")
            .help("Total number of compressed output bytes from a channel.")
            .register(prometheus);
    resets =
        Counter.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_state_resets_total")
            .help("Times the batcher restarted from the safe head")
            .register(prometheus);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public void recordInfo(String version) {
    info.setLabelValues(version);
  }

  public void recordUp() {
    up.set(1);
  }

  /**
   * A block number by layer ({@code l1}, {@code l2}) and type ({@code safe}, {@code unsafe}...).
   */
  public void recordRef(String layer, String type, long number) {
    refsNumber.labelValues(layer, type).set(number);
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

  /** Serves {@code /metrics} on {@code host:port} (port 0: a free one). */
  public RpcServer serve(String host, int port) {
    return PrometheusEndpoint.serve(registry, host, port);
  }
}
