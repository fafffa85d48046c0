package io.merapi.devnet.info;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedMap;

/**
 * Where the running devnet serves, as its users reach it.
 *
 * @param l1Rpc the dev L1's JSON-RPC (HTTP)
 * @param l1Ws the dev L1's JSON-RPC over WebSocket
 * @param l1Beacon the dev L1's beacon API (blobs)
 * @param l2Rpc the sequencer's L2 engine JSON-RPC (HTTP)
 * @param l2Ws the sequencer's L2 engine JSON-RPC over WebSocket
 * @param l2Engine the sequencer's engine's Engine API (JWT)
 * @param node the sequencer's rollup node (optimism_*, admin_*)
 * @param verifierRpc the verifier's L2 engine JSON-RPC, when the verifier runs
 * @param verifierNode the verifier's rollup node, when the verifier runs
 * @param batcher the batcher's admin RPC
 * @param proposer the proposer's RPC
 * @param metrics each component's Prometheus endpoint by role ({@code l1}, {@code sequencerL2},
 *     ...), in start order; empty without {@code --metrics}
 * @param explorer the block explorer's pages, when one serves this devnet ({@code merapi devnet}
 *     starts it after the chains, one module up, so the devnet itself names none)
 */
public record Endpoints(
    URI l1Rpc,
    URI l1Ws,
    URI l1Beacon,
    URI l2Rpc,
    URI l2Ws,
    URI l2Engine,
    URI node,
    Optional<URI> verifierRpc,
    Optional<URI> verifierNode,
    URI batcher,
    URI proposer,
    SequencedMap<String, URI> metrics,
    Optional<URI> explorer) {
  public Endpoints {
    Objects.requireNonNull(l1Rpc);
    Objects.requireNonNull(l1Ws);
    Objects.requireNonNull(l1Beacon);
    Objects.requireNonNull(l2Rpc);
    Objects.requireNonNull(l2Ws);
    Objects.requireNonNull(l2Engine);
    Objects.requireNonNull(node);
    Objects.requireNonNull(verifierRpc);
    Objects.requireNonNull(verifierNode);
    Objects.requireNonNull(batcher);
    Objects.requireNonNull(proposer);
    metrics = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(metrics));
    Objects.requireNonNull(explorer);
  }

  /** These endpoints and the block explorer's pages at {@code uri}. */
  public Endpoints withExplorer(URI uri) {
    return new Endpoints(
        l1Rpc,
        l1Ws,
        l1Beacon,
        l2Rpc,
        l2Ws,
        l2Engine,
        node,
        verifierRpc,
        verifierNode,
        batcher,
        proposer,
        metrics,
        Optional.of(uri));
  }

  /** {@code http://host:port} of {@code uri}, without the trailing slash servers report. */
  static String plain(URI uri) {
    String text = uri.toString();
    return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
  }
}
