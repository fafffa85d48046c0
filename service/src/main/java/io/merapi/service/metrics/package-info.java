/**
 * The metrics every rollup service reports in op-service's families ({@code op-service/metrics}): a
 * {@link io.merapi.service.metrics.MetricsFactory} that names families under the service's
 * namespace, the {@code info}/{@code up} pair and {@code /metrics} endpoint of {@link
 * io.merapi.service.metrics.ServiceMetrics}, and the block-ref gauges of {@link
 * io.merapi.service.metrics.RefMetrics}.
 */
package io.merapi.service.metrics;
