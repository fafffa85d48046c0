/**
 * The rollup node's Prometheus metrics ({@code --metrics.enabled}, {@code --metrics.addr}, {@code
 * --metrics.port}) under op-node's names ({@code op-node/metrics/metrics.go}, {@code
 * op-service/metrics/ref_metrics.go}), so that op-node's dashboards and alerts work unchanged.
 */
package io.merapi.node.metrics;
