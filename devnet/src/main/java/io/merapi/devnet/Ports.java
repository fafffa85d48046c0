package io.merapi.devnet;

/**
 * The devnet's loopback ports (0: a free one, as tests use). The defaults are the OP Stack's
 * ops-bedrock host ports, the verifier's 100 above the sequencer's.
 *
 * @param l1 the dev L1's JSON-RPC, HTTP and WebSocket ({@code --l1.port})
 * @param l1Beacon the dev L1's beacon API ({@code --l1.beacon.port})
 * @param l2 the sequencer engine's JSON-RPC, HTTP and WebSocket ({@code --l2.port})
 * @param l2AuthRpc the sequencer engine's Engine API ({@code --l2.authrpc.port})
 * @param node the sequencer's rollup node ({@code --node.port})
 * @param verifierL2 the verifier engine's JSON-RPC ({@code --verifier.l2.port})
 * @param verifierL2AuthRpc the verifier engine's Engine API ({@code --verifier.l2.authrpc.port})
 * @param verifierNode the verifier's rollup node ({@code --verifier.node.port})
 * @param batcher the batcher's admin RPC ({@code --batcher.rpc.port})
 * @param proposer the proposer's RPC ({@code --proposer.rpc.port})
 */
public record Ports(
    int l1,
    int l1Beacon,
    int l2,
    int l2AuthRpc,
    int node,
    int verifierL2,
    int verifierL2AuthRpc,
    int verifierNode,
    int batcher,
    int proposer) {
  public Ports {
    for (int port :
        new int[] {
          l1,
          l1Beacon,
          l2,
          l2AuthRpc,
          node,
          verifierL2,
          verifierL2AuthRpc,
          verifierNode,
          batcher,
          proposer
        }) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port out of range: " + port);
      }
    }
  }

  public static Ports defaults() {
    return new Ports(8545, 5052, 9545, 8551, 7545, 9645, 8651, 7645, 6545, 6546);
  }

  /** Every port free: for tests, and for a devnet next to another one. */
  public static Ports ephemeral() {
    return new Ports(0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
  }
}
