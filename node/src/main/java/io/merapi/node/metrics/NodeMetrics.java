package io.merapi.node.metrics;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.rpc.metrics.PrometheusEndpoint;
import io.merapi.rpc.server.RpcServer;
import io.merapi.service.rollup.SyncStatus;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the rollup node reports, in op-node's metric families: block refs by layer and type, the
 * derivation pipeline's idle state, resets and errors, L1 reorg depths, sequencer building and
 * sealing times, L1 request times, and {@code up}/{@code info}.
 *
 * <p>The families are built with the Prometheus client that Micrometer's Prometheus registry runs
 * on, and registered in that registry: op-node's names, label sets, help texts and bucket bounds
 * come out exactly (Micrometer would rename them and cannot record the negative values of {@code
 * sequencer_building_diff_seconds}), while the same registry still takes Micrometer meters such as
 * the RPC server's, and one scrape serves both. Thread-safe.
 */
public final class NodeMetrics {
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

  private final PrometheusMeterRegistry registry;
  private final Clock clock;

  private final Info info;
  private final Gauge up;
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
  private final Gauge refsNumber;
  private final Gauge refsTime;
  private final Gauge refsHash;
  private final Gauge refsSeqNr;
  private final Gauge refsLatency;

  /** The last hash per ref type whose latency was recorded: a ref seen again keeps its latency. */
  private final Map<String, Hash> latencySeen = new ConcurrentHashMap<>();

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
    this.registry = registry;
    this.clock = clock;
    PrometheusRegistry prometheus = registry.getPrometheusRegistry();
    info =
        register(
            prometheus,
            // An info family: the client writes the name with its "_info" suffix.
            Info.builder()
                .name(NAMESPACE)
                .help("Pseudo-metric tracking version and config info")
                .labelNames("version")
                .build());
    up =
        register(
            prometheus,
            Gauge.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_up")
                .help("1 if the op node has finished starting up")
                .build());
    derivationIdle =
        register(
            prometheus,
            Gauge.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_derivation_idle")
                .help("1 if the derivation pipeline is idle")
                .build());
    pipelineResets = new Event(prometheus, "pipeline_resets", "derivation pipeline resets");
    derivationErrors = new Event(prometheus, "derivation_errors", "derivation errors");
    sequencingErrors = new Event(prometheus, "sequencing_errors", "sequencing errors");
    unsafePayloads = new Event(prometheus, "unsafe_payloads", "unsafe payloads");
    l1ReorgDepth =
        register(
            prometheus,
            Histogram.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_l1_reorg_depth")
                .help("Histogram of L1 Reorg Depths")
                .classicUpperBounds(L1_REORG_DEPTH_BUCKETS)
                .classicOnly()
                .build());
    l1RequestSeconds =
        register(
            prometheus,
            Histogram.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_l1_request_seconds")
                .help("Histogram of L1 request time")
                .labelNames("request")
                .classicUpperBounds(SECONDS_BUCKETS)
                .classicOnly()
                .build());
    sequencerBuildingDiffSeconds =
        register(
            prometheus,
            Histogram.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_sequencer_building_diff_seconds")
                .help("Histogram of Sequencer building time, minus block time")
                .classicUpperBounds(BUILDING_DIFF_BUCKETS)
                .classicOnly()
                .build());
    sequencerBuildingDiffTotal =
        register(
            prometheus,
            Counter.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_sequencer_building_diff_total")
                .help("Number of sequencer block building jobs")
                .build());
    sequencerSealingSeconds =
        register(
            prometheus,
            Histogram.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_sequencer_sealing_seconds")
                .help("Histogram of Sequencer block sealing time")
                .classicUpperBounds(SECONDS_BUCKETS)
                .classicOnly()
                .build());
    sequencerSealingTotal =
        register(
            prometheus,
            Counter.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_sequencer_sealing_total")
                .help("Number of sequencer block sealing jobs")
                .build());
    refsNumber =
        refGauge(prometheus, "refs_number", "the different L1/L2 reference block numbers", true);
    refsTime =
        refGauge(prometheus, "refs_time", "the different L1/L2 reference block timestamps", true);
    refsHash =
        refGauge(
            prometheus,
            "refs_hash",
            "the different L1/L2 reference block hashes truncated to float values",
            true);
    refsSeqNr =
        refGauge(prometheus, "refs_seqnr", "the different L2 reference sequence numbers", false);
    refsLatency =
        refGauge(
            prometheus,
            "refs_latency",
            "the different L1/L2 reference block timestamps minus current time, in seconds",
            true);
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  // ---- process ----

  /** {@code op_node_default_info{version}} = 1. */
  public void recordInfo(String version) {
    info.setLabelValues(version);
  }

  /** {@code op_node_default_up} = 1, once the node has started. */
  public void recordUp() {
    up.set(1);
  }

  // ---- refs ----

  /**
   * One ref under {@code layer} ({@code l1}, {@code l2}, {@code l1_origin}) and {@code type}
   * ({@code l1_head}, {@code l2_safe}, ...); a zero timestamp means "unknown" and leaves the time
   * and latency gauges alone, as op-node does.
   */
  public void recordRef(String layer, String type, long number, long timestamp, Hash hash) {
    refsNumber.labelValues(layer, type).set(unsigned(number));
    if (timestamp != 0) {
      refsTime.labelValues(layer, type).set(unsigned(timestamp));
      if (!hash.equals(latencySeen.put(type, hash))) {
        double now = clock.millis() / 1000.0;
        refsLatency.labelValues(layer, type).set(unsigned(timestamp) - now);
      }
    }
    refsHash.labelValues(layer, type).set(hashValue(hash));
  }

  public void recordL1Ref(String type, L1BlockRef ref) {
    recordRef("l1", type, ref.number(), ref.time(), ref.hash());
  }

  /** The block under layer {@code l2}, its L1 origin under {@code l1_origin}, and its seqnr. */
  public void recordL2Ref(String type, L2BlockRef ref) {
    recordRef("l2", type, ref.number(), ref.time(), ref.hash());
    recordRef("l1_origin", type, ref.l1Origin().number(), 0, ref.l1Origin().hash());
    refsSeqNr.labelValues(type).set(unsigned(ref.sequenceNumber()));
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

  // ---- the endpoint ----

  /**
   * The {@code --metrics.addr}:{@code --metrics.port} server: {@code /metrics} in the Prometheus
   * text format, any Host accepted (scrapers reach it by address), no JSON-RPC methods.
   */
  public RpcServer serve(String host, int port) {
    return PrometheusEndpoint.serve(registry, host, port);
  }

  // ---- helpers ----

  private Gauge refGauge(PrometheusRegistry prometheus, String name, String what, boolean layer) {
    Gauge.Builder builder =
        Gauge.builder()
            .withoutExemplars()
            .name(NAMESPACE + "_" + name)
            .help("Gauge representing " + what);
    builder = layer ? builder.labelNames("layer", "type") : builder.labelNames("type");
    return register(prometheus, builder.build());
  }

  private static <M extends io.prometheus.metrics.model.registry.Collector> M register(
      PrometheusRegistry prometheus, M metric) {
    prometheus.register(metric);
    return metric;
  }

  /** op-node graphs hash changes by the first 8 bytes, little-endian, as a float. */
  static double hashValue(Hash hash) {
    byte[] bytes = hash.toArray();
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[i] & 0xff);
    }
    return unsigned(value);
  }

  private static double unsigned(long value) {
    return value >= 0 ? value : value + 0x1p64;
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }

  /** op-service's {@code metrics.Event}: a {@code <name>_total} counter and a last-time gauge. */
  private final class Event {
    private final Counter total;
    private final Gauge lastTime;

    Event(PrometheusRegistry prometheus, String name, String displayName) {
      total =
          register(
              prometheus,
              Counter.builder()
                  .withoutExemplars()
                  .name(NAMESPACE + "_" + name + "_total")
                  .help("Count of " + displayName + " events")
                  .build());
      lastTime =
          register(
              prometheus,
              Gauge.builder()
                  .withoutExemplars()
                  .name(NAMESPACE + "_last_" + name + "_unix")
                  .help("Timestamp of last " + displayName + " event")
                  .build());
    }

    void record() {
      total.inc();
      lastTime.set(clock.millis() / 1000.0);
    }
  }
}
