package io.merapi.service.metrics;

import io.merapi.rpc.metrics.PrometheusEndpoint;
import io.merapi.rpc.server.RpcServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Info;
import java.util.Objects;

/**
 * What every op service reports and how it is served: {@code <namespace>_info{version}} and {@code
 * <namespace>_up}, in one Micrometer Prometheus registry that also takes the service's Micrometer
 * meters (RPC server, transaction manager), scraped together at {@code /metrics}. A service's own
 * metrics extend this class and build their families with {@link #factory()}. Thread-safe.
 */
public abstract class ServiceMetrics {
  private final PrometheusMeterRegistry registry;
  private final MetricsFactory factory;
  private final Info info;
  private final Gauge up;

  /**
   * @param namespace the families' prefix, e.g. {@code op_batcher_default}
   * @param serviceName as the {@code up} help text names the service, e.g. {@code op-batcher}
   */
  protected ServiceMetrics(String namespace, String serviceName, PrometheusMeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.factory = new MetricsFactory(namespace, registry.getPrometheusRegistry());
    info = factory.info("Pseudo-metric tracking version and config info", "version");
    up = factory.gauge("up", "1 if the " + serviceName + " has finished starting up");
  }

  protected final MetricsFactory factory() {
    return factory;
  }

  /** The registry to give the service's other meters, so one scrape serves them all. */
  public final PrometheusMeterRegistry registry() {
    return registry;
  }

  /** {@code <namespace>_info{version}} = 1. */
  public final void recordInfo(String version) {
    info.setLabelValues(version);
  }

  /** {@code <namespace>_up} = 1, once the service has started. */
  public final void recordUp() {
    up.set(1);
  }

  /**
   * The {@code --metrics.addr}:{@code --metrics.port} server (port 0: a free one): {@code /metrics}
   * in the Prometheus text format, any Host accepted (scrapers reach it by address), no JSON-RPC
   * methods.
   */
  public final RpcServer serve(String host, int port) {
    return PrometheusEndpoint.serve(registry, host, port);
  }

  /** A uint64 as Prometheus' float: values past {@code Long.MAX_VALUE} stay positive. */
  public static double unsigned(long value) {
    return value >= 0 ? value : value + 0x1p64;
  }
}
