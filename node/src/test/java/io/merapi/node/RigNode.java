package io.merapi.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.node.driver.DriverConfig;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * One L2 participant of a {@link RollupRig}: a {@code merapi execution} engine on the L2 genesis
 * and a {@link RollupNodeService} driving it, each of which can be stopped and started again on the
 * same data directory (the engine also on the same ports and JWT secret, so the node's {@code --l2}
 * stays valid).
 */
public final class RigNode implements AutoCloseable {
  /** One L2 block: what op-node's sync status reports of a head. */
  public record Head(long number, String hash) {
    static Head of(JsonNode ref) {
      return new Head(ref.path("number").asLong(), ref.path("hash").asText());
    }
  }

  /** The L2 heads of {@code optimism_syncStatus}, with the L1 finalized block they rest on. */
  public record Heads(Head unsafe, Head safe, Head finalized, long finalizedL1) {
    static Heads of(JsonNode status) {
      return new Heads(
          Head.of(status.path("unsafe_l2")),
          Head.of(status.path("safe_l2")),
          Head.of(status.path("finalized_l2")),
          status.path("finalized_l1").path("number").asLong());
    }
  }

  private final RollupRig rig;
  private final String name;
  private final boolean sequencer;
  private final JwtSecret secret = JwtSecret.generate();
  private ExecutionNode engine;
  private int engineHttpPort;
  private int engineAuthPort;
  private int rpcPort;
  private RpcClient eth;
  private RollupNodeService node;
  private RpcClient rollupRpc;
  private Optional<Path> jwtOverride = Optional.empty();

  RigNode(RollupRig rig, String name, boolean sequencer) {
    this.rig = rig;
    this.name = name;
    this.sequencer = sequencer;
  }

  public String name() {
    return name;
  }

  /** Starts the engine on its data directory: free ports the first time, then the same ones. */
  public void startEngine() {
    if (engine != null) {
      throw new IllegalStateException(name + ": the engine is running");
    }
    Path jwt = jwtFile();
    try {
      Files.writeString(jwt, Hex.encode(secret.key()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    engine =
        ExecutionNode.start(
            ExecutionNodeConfig.builder()
                .datadir(rig.dir().resolve(name + "-engine"))
                .genesis(rig.l2Genesis())
                .http(Optional.of(RpcServerConfig.httpDefaults().withPort(engineHttpPort)))
                .ws(Optional.empty())
                .authRpc(Optional.of(RpcServerConfig.engineApi(secret).withPort(engineAuthPort)))
                .jwtSecret(Optional.of(jwt))
                .build());
    engineHttpPort = engine.httpUri().orElseThrow().getPort();
    engineAuthPort = engine.authRpcUri().orElseThrow().getPort();
    if (eth == null) {
      eth = RollupRig.client(engine.httpUri().orElseThrow());
    }
  }

  public void stopEngine() {
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }

  /**
   * Starts the rollup node on its engine (which need not be up: the node waits for it): on a free
   * port the first time, then on the same one.
   */
  public void startNode() throws Exception {
    if (node != null) {
      throw new IllegalStateException(name + ": the node is running");
    }
    NodeConfig config =
        new NodeConfig(
                rig.l1Uri(),
                Optional.of(rig.l1BeaconUri()),
                false,
                false,
                "standard",
                java.net.URI.create("http://127.0.0.1:" + engineAuthPort + "/"),
                jwtOverride.orElse(jwtFile()),
                rig.rollup(),
                "127.0.0.1",
                rpcPort,
                true,
                new DriverConfig(sequencer, false, 0, 0, Duration.ofMillis(250)),
                Optional.of(rig.dir().resolve(name + "-safedb")),
                Optional.empty())
            .withName(name);
    node = RollupNodeService.start(config);
    // A restarted node serves on the same port, as its clients (a proposer, a batcher) expect.
    rpcPort = node.rpcUri().getPort();
    rollupRpc = RollupRig.client(node.rpcUri());
  }

  public void stopNode() {
    if (node != null) {
      node.close();
      node = null;
    }
    if (rollupRpc != null) {
      rollupRpc.close();
      rollupRpc = null;
    }
  }

  private Path jwtFile() {
    return rig.dir().resolve(name + ".jwt");
  }

  /** The next {@link #startNode} reads the engine's JWT secret from {@code file} instead. */
  public void useJwtFile(Path file) {
    jwtOverride = Optional.of(file);
  }

  /** The engine's Engine API port (the node's {@code --l2}), as it appears in log lines. */
  public int engineAuthPort() {
    return engineAuthPort;
  }

  /** The engine's unauthenticated eth_* JSON-RPC URL (a batcher's {@code --l2-eth-rpc}). */
  public java.net.URI engineHttpUri() {
    return java.net.URI.create("http://127.0.0.1:" + engineHttpPort + "/");
  }

  /** The rollup node's RPC URL (a batcher's {@code --rollup-rpc}). */
  public java.net.URI rollupRpcUri() {
    if (node == null) {
      throw new IllegalStateException(name + ": the node is stopped");
    }
    return node.rpcUri();
  }

  /** The engine's eth_* JSON-RPC (unauthenticated HTTP). */
  public RpcClient eth() {
    return eth;
  }

  /** The node's rollup RPC (optimism_*, admin_*). */
  public RpcClient rollupRpc() {
    if (rollupRpc == null) {
      throw new IllegalStateException(name + ": the node is stopped");
    }
    return rollupRpc;
  }

  /**
   * A fresh L2 client (the node's own kind) on the engine's eth_* endpoint; the caller closes it.
   */
  public io.merapi.node.engine.RpcL2Client l2Client() {
    return new io.merapi.node.engine.RpcL2Client(
        java.net.URI.create("http://127.0.0.1:" + engineHttpPort + "/"), rig.rollup());
  }

  /** Calls an admin_* or optimism_* method of the node. */
  public JsonNode admin(String method, Object... params) {
    return rollupRpc().call(method, params);
  }

  public RollupNodeService service() {
    return node;
  }

  public JsonNode syncStatus() {
    return rollupRpc().call("optimism_syncStatus");
  }

  public Heads heads() {
    return Heads.of(syncStatus());
  }

  /** The engine's canonical block hash at {@code number}, or null past its head. */
  public String hash(long number) {
    JsonNode block = eth.call("eth_getBlockByNumber", RollupRig.quantity(number), false);
    return block == null || block.isNull() ? null : block.get("hash").asText();
  }

  /** The engine's canonical block at {@code number} with full transactions. */
  public JsonNode block(long number) {
    return eth.call("eth_getBlockByNumber", RollupRig.quantity(number), true);
  }

  public long number(String tag) {
    return RollupRig.number(eth, tag);
  }

  @Override
  public void close() {
    stopNode();
    stopEngine();
    if (eth != null) {
      eth.close();
      eth = null;
    }
  }
}
