package io.merapi.devnet;

/**
 * Where each component serves Prometheus metrics with {@code --metrics} (0: a free port). One port
 * per component, as when they run as separate processes: the two rollup nodes (and the three
 * engines) publish the same metric names, which only separate endpoints keep apart. The defaults
 * are the ones the OP Stack's devnet gives its services, the execution engines after geth's 6060.
 *
 * @param l1 the dev L1's ({@code --metrics.l1.port})
 * @param sequencerL2 the sequencer's L2 engine's ({@code --metrics.l2.port})
 * @param verifierL2 the verifier's L2 engine's ({@code --metrics.verifier.l2.port})
 * @param sequencerNode the sequencer's rollup node's ({@code --metrics.node.port})
 * @param verifierNode the verifier's rollup node's ({@code --metrics.verifier.node.port})
 * @param batcher the batcher's ({@code --metrics.batcher.port})
 * @param proposer the proposer's ({@code --metrics.proposer.port})
 */
public record MetricsPorts(
    int l1,
    int sequencerL2,
    int verifierL2,
    int sequencerNode,
    int verifierNode,
    int batcher,
    int proposer) {
  public MetricsPorts {
    for (int port :
        new int[] {l1, sequencerL2, verifierL2, sequencerNode, verifierNode, batcher, proposer}) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("metrics port out of range: " + port);
      }
    }
  }

  public static MetricsPorts defaults() {
    return new MetricsPorts(6060, 6061, 6062, 7300, 7303, 7301, 7302);
  }

  /** Every port free: for tests. */
  public static MetricsPorts ephemeral() {
    return new MetricsPorts(0, 0, 0, 0, 0, 0, 0);
  }
}
