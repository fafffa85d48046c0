package io.merapi.proposer.metrics;

import io.merapi.derive.L2BlockRef;
import io.merapi.service.metrics.RefMetrics;
import io.merapi.service.metrics.ServiceMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.prometheus.metrics.core.metrics.Counter;
import java.time.Clock;

/**
 * What the proposer reports, in op-proposer's metric names ({@code op_proposer_default_info},
 * {@code _up}, the proposed L2 block as {@code _refs_*{layer="l2",type="proposed"}}), plus Merapi's
 * count of outputs refused because the rollup node and the L2 engine disagreed. Thread-safe.
 */
public final class ProposerMetrics extends ServiceMetrics {
  /** op-proposer's namespace with its default process name. */
  public static final String NAMESPACE = "op_proposer_default";

  private static final String PROPOSED = "proposed";

  private final RefMetrics refs;
  private final Counter outputMismatches;

  public ProposerMetrics() {
    super(NAMESPACE, "op-proposer", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    refs = new RefMetrics(factory(), Clock.systemUTC());
    outputMismatches =
        factory()
            .counter(
                "output_mismatches_total",
                "Outputs not proposed because the rollup node and the L2 engine disagreed");
  }

  /** op-proposer's {@code RecordL2BlocksProposed}: the L2 ref under type {@code proposed}. */
  public void recordL2BlockProposed(L2BlockRef ref) {
    refs.recordL2Ref(PROPOSED, ref);
  }

  public void recordOutputMismatch() {
    outputMismatches.inc();
  }

  /** The value of the proposed-block gauge, for tests and the admin API. */
  public double proposedBlock() {
    return refs.number("l2", PROPOSED);
  }
}
