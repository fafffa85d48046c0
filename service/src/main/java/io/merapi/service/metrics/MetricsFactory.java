package io.merapi.service.metrics;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.Objects;

/**
 * Prometheus families named {@code <namespace>_<name>} and registered as they are built, as
 * op-service's {@code metrics.Factory} with a service's namespace ({@code op_node_default}, {@code
 * op_batcher_default}, ...). The families come from the Prometheus client itself, not Micrometer,
 * so that the op services' names, label sets, help texts and bucket bounds come out exactly.
 * Exemplars are off: the services do not trace.
 */
public final class MetricsFactory {
  private final String namespace;
  private final PrometheusRegistry registry;

  public MetricsFactory(String namespace, PrometheusRegistry registry) {
    this.namespace = Objects.requireNonNull(namespace, "namespace");
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  public String namespace() {
    return namespace;
  }

  public Gauge gauge(String name, String help, String... labelNames) {
    return Gauge.builder()
        .withoutExemplars()
        .name(qualified(name))
        .help(help)
        .labelNames(labelNames)
        .register(registry);
  }

  /** A counter; the name is written as given, so one ending in {@code _total} keeps it once. */
  public Counter counter(String name, String help, String... labelNames) {
    return Counter.builder()
        .withoutExemplars()
        .name(qualified(name))
        .help(help)
        .labelNames(labelNames)
        .register(registry);
  }

  /** A classic (bucketed) histogram with these upper bounds, as client_golang's histograms are. */
  public Histogram histogram(String name, String help, double[] upperBounds, String... labelNames) {
    return Histogram.builder()
        .withoutExemplars()
        .name(qualified(name))
        .help(help)
        .labelNames(labelNames)
        .classicUpperBounds(upperBounds)
        .classicOnly()
        .register(registry);
  }

  /** The {@code <namespace>_info} family (the client adds the {@code _info} suffix). */
  public Info info(String help, String... labelNames) {
    return Info.builder().name(namespace).help(help).labelNames(labelNames).register(registry);
  }

  private String qualified(String name) {
    return namespace + "_" + name;
  }
}
