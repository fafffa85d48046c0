package io.merapi.execution.node;

import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.HeadChange;
import io.merapi.execution.chain.HeadListener;
import io.merapi.execution.filter.InstalledFilters;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The node's own gauges next to the RPC servers' latencies: the head, safe and finalized block
 * numbers, head changes and reorgs, the time between head blocks, installed filters. Components
 * added later (the pool, the Engine API) register theirs in the same registry.
 */
public final class NodeMetrics implements HeadListener {
  private final Counter headChanges;
  private final Counter reorgs;
  private final Timer headInterval;
  private volatile long lastHeadNanos;

  public NodeMetrics(MeterRegistry registry, Blockchain chain, InstalledFilters filters) {
    Gauge.builder("chain_head_block", chain, c -> c.head().number())
        .description("Number of the head block")
        .register(registry);
    Gauge.builder("chain_head_timestamp", chain, c -> c.head().header().timestamp())
        .description("Timestamp of the head block, seconds")
        .register(registry);
    Gauge.builder("chain_safe_block", chain, c -> c.safe().map(ChainHead::number).orElse(0L))
        .register(registry);
    Gauge.builder(
            "chain_finalized_block", chain, c -> c.finalized().map(ChainHead::number).orElse(0L))
        .register(registry);
    Gauge.builder("rpc_filters_installed", filters, InstalledFilters::size).register(registry);
    headChanges = Counter.builder("chain_head_changes").register(registry);
    reorgs = Counter.builder("chain_reorgs").register(registry);
    headInterval =
        Timer.builder("chain_head_interval")
            .description("Time between head changes")
            .register(registry);
  }

  @Override
  public void onHeadChange(HeadChange change) {
    long now = System.nanoTime();
    if (lastHeadNanos != 0) {
      headInterval.record(Duration.ofNanos(now - lastHeadNanos));
    }
    lastHeadNanos = now;
    headChanges.increment();
    if (change.isReorg()) {
      reorgs.increment();
    }
  }
}
