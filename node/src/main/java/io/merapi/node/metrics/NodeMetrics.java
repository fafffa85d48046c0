package io.merapi.node.metrics;

import static io.merapi.service.metrics.ServiceMetrics.unsigned;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.service.metrics.MetricsFactory;
import io.merapi.service.metrics.RefMetrics;
import io.merapi.service.metrics.ServiceMetrics;
import io.merapi.service.rollup.SyncStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import java.time.Clock;
import java.time.Duration;

/**
 * What the rollup node reports, in op-node's metric families: block refs by layer and type, the
 * derivation pipeline's idle state, resets and errors, L1 reorg depths, sequencer building and
 * sealing times, L1 request times, and {@code up}/{@code info}.
 *
 * <p>The families are Prometheus-client ones (Micrometer would rename them and cannot record the
 * negative values of {@code sequencer_building_diff_seconds}), built by the service module's {@link
 * MetricsFactory} in the registry that also takes the node's Micrometer meters. Thread-safe.
 */
public final class NodeMetrics extends ServiceMetrics {
  /** op-node's namespace with its default process name. */
  public static final String NAMESPACE = "op_node_default";

  private static final double[] L1_REORG_DEPTH_BUCKETS = {
    0.5, 1.5, 2.5, 3.5, 4.5, 5.5, 6.5, 7.5, 8.5, 9.5, 10.5, 20.5, 50.5, 100.5
  };
  private static final double[] SECONDS_BUCKETS = {
    .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10
  };
  private static final double[] BUILDING_DIFF_BUCKETS = {
    -10, -5, -2.5, -1, -.5, -.25, -.1, -0.05, -0.025, -0.01, -0.005, .005, .01, .025, .05, .1, .25,
    .5, 1, 2.5, 5, 10
  };

  private final Clock clock;
  private final RefMetrics refs;
  private final Gauge derivationIdle;
  private final Event pipelineResets;
  private final Event derivationErrors;
  private final Event sequencingErrors;
  private final Event unsafePayloads;
  private final Histogram l1ReorgDepth;
  private final Histogram l1RequestSeconds;
  private final Histogram sequencerBuildingDiffSeconds;
  private final Counter sequencerBuildingDiffTotal;
  private final Histogram sequencerSealingSeconds;
  private final Counter sequencerSealingTotal;

  /** A registry of its own, on the system clock. */
  public NodeMetrics() {
    this(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), Clock.systemUTC());
  }

  /**
   * @param registry where the families are registered and scraped from; give the node's one
   *     registry so that its other meters share the endpoint
   * @param clock for {@code refs_latency} and the {@code last_*_unix} event gauges
   */
  public NodeMetrics(PrometheusMeterRegistry registry, Clock clock) {
    super(NAMESPACE, "op node", registry);
    this.clock = clock;
    MetricsFactory factory = factory();
    refs = new RefMetrics(factory, clock);
    derivationIdle = factory.gauge("derivation_idle", "1 if the derivation pipeline is idle");
    pipelineResets = new Event(factory, "pipeline_resets", "derivation pipeline resets");
    derivationErrors = new Event(factory, "derivation_errors", "derivation errors");
    sequencingErrors = new Event(factory, "sequencing_errors", "sequencing errors");
    unsafePayloads = new Event(factory, "unsafe_payloads", "unsafe payloads");
    l1ReorgDepth =
        factory.histogram("l1_reorg_depth", "Histogram of L1 Reorg Depths", L1_REORG_DEPTH_BUCKETS);
    l1RequestSeconds =
        factory.histogram(
            "l1_request_seconds", "Histogram of L1 request time", SECONDS_BUCKETS, "request");
    sequencerBuildingDiffSeconds =
        factory.histogram(
            "sequencer_building_diff_seconds",
            "Histogram of Sequencer building time, minus block time",
            BUILDING_DIFF_BUCKETS);
    sequencerBuildingDiffTotal =
        factory.counter("sequencer_building_diff_total", "Number of sequencer block building jobs");
    sequencerSealingSeconds =
        factory.histogram(
            "sequencer_sealing_seconds",
            "Histogram of Sequencer block sealing time",
            SECONDS_BUCKETS);
    sequencerSealingTotal =
        factory.counter("sequencer_sealing_total", "Number of sequencer block sealing jobs");
  }

  // ---- refs ----

  /** One ref under {@code layer} and {@code type}, as {@link RefMetrics#recordRef}. */
  public void recordRef(String layer, String type, long number, long timestamp, Hash hash) {
    refs.recordRef(layer, type, number, timestamp, hash);
  }

  public void recordL1Ref(String type, L1BlockRef ref) {
    refs.recordL1Ref(type, ref);
  }

  public void recordL2Ref(String type, L2BlockRef ref) {
    refs.recordL2Ref(type, ref);
  }

  /** Every ref of a sync status under op-node's type names. */
  public void recordSyncStatus(SyncStatus status) {
    recordL1Ref("l1_head", status.headL1());
    recordL1Ref("l1_safe", status.safeL1());
    recordL1Ref("l1_finalized", status.finalizedL1());
    recordL1Ref("l1_derived", status.currentL1());
    recordL2Ref("l2_unsafe", status.unsafeL2());
    recordL2Ref("l2_cross_unsafe", status.unsafeL2());
    recordL2Ref("l2_pending_safe", status.pendingSafeL2());
    recordL2Ref("l2_local_safe", status.safeL2());
    recordL2Ref("l2_safe", status.safeL2());
    recordL2Ref("l2_finalized", status.finalizedL2());
  }

  // ---- derivation ----

  public void setDerivationIdle(boolean idle) {
    derivationIdle.set(idle ? 1 : 0);
  }

  public void recordPipelineReset() {
    pipelineResets.record();
  }

  /** A failed derivation step (op-node counts them all in one series, whatever the kind). */
  public void recordDerivationError() {
    derivationErrors.record();
  }

  /** An L1 reorg found {@code depth} blocks below the head the node had seen. */
  public void recordL1Reorg(long depth) {
    l1ReorgDepth.observe(unsigned(depth));
  }

  /** One L1 RPC request ({@code request} is the method) and how long it took. */
  public void recordL1Request(String request, Duration duration) {
    l1RequestSeconds.labelValues(request).observe(seconds(duration));
  }

  /** An unsafe payload received (admin_postUnsafePayload, later gossip). */
  public void recordReceivedUnsafePayload(long number, long timestamp, Hash hash) {
    unsafePayloads.record();
    recordRef("l2", "received_payload", number, timestamp, hash);
  }

  // ---- sequencer ----

  /**
   * One block built: how much longer than the block time it took (negative when it finished early),
   * as op-node's {@code sequencer_building_diff_seconds}.
   */
  public void recordSequencerBuild(Duration buildTimeMinusBlockTime) {
    sequencerBuildingDiffSeconds.observe(seconds(buildTimeMinusBlockTime));
    sequencerBuildingDiffTotal.inc();
  }

  /** One block sealed ({@code engine_getPayload} and its import), and how long that took. */
  public void recordSequencerSealing(Duration duration) {
    sequencerSealingSeconds.observe(seconds(duration));
    sequencerSealingTotal.inc();
  }

  public void recordSequencingError() {
    sequencingErrors.record();
  }

  // ---- helpers ----

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** op-service's {@code metrics.Event}: a {@code <name>_total} counter and a last-time gauge. */
  private final class Event {
    private final Counter total;
    private final Gauge lastTime;

    Event(MetricsFactory factory, String name, String displayName) {
      total = factory.counter(name + "_total", "Count of " + displayName + " events");
      lastTime =
          factory.gauge("last_" + name + "_unix", "Timestamp of last " + displayName + " event");
    }

    void record() {
      total.inc();
      lastTime.set(clock.millis() / 1000.0);
    }
  }
}
