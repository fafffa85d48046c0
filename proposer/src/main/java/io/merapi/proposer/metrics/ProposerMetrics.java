package io.merapi.proposer.metrics;

import io.merapi.derive.L2BlockRef;
import io.merapi.rpc.metrics.PrometheusEndpoint;
import io.merapi.rpc.server.RpcServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What the proposer reports, in op-proposer's metric names ({@code op_proposer_default_info},
 * {@code _up}, the proposed L2 block as {@code _refs_number{layer="l2",type="proposed"}}), plus
 * Merapi's count of outputs refused because the rollup node and the L2 engine disagreed. The
 * families are Prometheus-client ones in Micrometer's Prometheus registry, as the node's are, so
 * the names come out exactly and the RPC server's Micrometer meters share the scrape. Thread-safe.
 */
public final class ProposerMetrics {
  /** op-proposer's namespace with its default process name. */
  public static final String NAMESPACE = "op_proposer_default";

  private final PrometheusMeterRegistry registry;
  private final Info info;
  private final Gauge up;
  private final Gauge refsNumber;
  private final Gauge refsTime;
  private final Counter outputMismatches;

  public ProposerMetrics() {
    this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    PrometheusRegistry prometheus = registry.getPrometheusRegistry();
    info =
        register(
            prometheus,
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
                .help("1 if the op-proposer has finished starting up")
                .build());
    refsNumber =
        register(
            prometheus,
            Gauge.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_refs_number")
                .help("Gauge representing the different L1/L2 reference block numbers")
                .labelNames("layer", "type")
                .build());
    refsTime =
        register(
            prometheus,
            Gauge.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_refs_time")
                .help("Gauge representing the different L1/L2 reference block timestamps")
                .labelNames("layer", "type")
                .build());
    outputMismatches =
        register(
            prometheus,
            Counter.builder()
                .withoutExemplars()
                .name(NAMESPACE + "_output_mismatches_total")
                .help("Outputs not proposed because the rollup node and the L2 engine disagreed")
                .build());
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

  /** op-proposer's {@code RecordL2BlocksProposed}: the L2 ref under type {@code proposed}. */
  public void recordL2BlockProposed(L2BlockRef ref) {
    refsNumber.labelValues("l2", "proposed").set(ref.number());
    refsTime.labelValues("l2", "proposed").set(ref.time());
  }

  public void recordOutputMismatch() {
    outputMismatches.inc();
  }

  /** The value of the proposed-block gauge, for tests and the admin API. */
  public double proposedBlock() {
    return refsNumber.labelValues("l2", "proposed").get();
  }

  /**
   * The {@code --metrics.addr}:{@code --metrics.port} server: {@code /metrics} in the Prometheus
   * text format, no JSON-RPC methods.
   */
  public RpcServer serve(String host, int port) {
    return PrometheusEndpoint.serve(registry, host, port);
  }

  private static <M extends Collector> M register(PrometheusRegistry prometheus, M metric) {
    prometheus.register(metric);
    return metric;
  }
}
