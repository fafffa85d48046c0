package io.merapi.node;

import io.merapi.node.driver.DriverConfig;
import io.merapi.types.config.RollupConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code merapi node} is started with (op-node's flags; see the CLI's {@code
 * NodeCommand} for names and defaults).
 *
 * @param l1 {@code --l1}: the L1 JSON-RPC endpoint
 * @param l1Beacon {@code --l1.beacon}: the beacon API for blobs (required once Ecotone is active,
 *     unless {@code l1BeaconIgnore})
 * @param l1BeaconIgnore {@code --l1.beacon.ignore}: run without a beacon node (blob data then fails
 *     derivation with a clear error)
 * @param l1TrustRpc {@code --l1.trustrpc}: skip checking L1 data against block hashes and roots
 * @param l1RpcKind {@code --l1.rpckind}: how receipts are fetched (basic, any, standard, ...)
 * @param l2 {@code --l2}: the engine's Engine API endpoint (authenticated; also serves eth_*)
 * @param l2JwtSecret {@code --l2.jwt-secret}: the file with the 32-byte hex JWT secret
 * @param rollup {@code --rollup.config} or {@code --network}
 * @param rpcAddr {@code --rpc.addr}
 * @param rpcPort {@code --rpc.port} (0 picks a free port)
 * @param rpcEnableAdmin {@code --rpc.enable-admin}
 * @param driver the sequencer and confirmation-depth flags
 * @param safeDbPath {@code --safedb.path}: where safe heads by L1 block are kept (none: disabled)
 * @param metrics {@code --metrics.enabled} with {@code --metrics.addr} and {@code --metrics.port}
 * @param publishTo {@code --sequencer.publish-to}: rollup nodes whose {@code
 *     admin_postUnsafePayload} gets each sequenced block (until P2P gossip exists)
 * @param name what tells this node's threads and log lines from another's in the same process (a
 *     devnet's sequencer and verifier); empty for a node alone in its process
 */
public record NodeConfig(
    URI l1,
    Optional<URI> l1Beacon,
    boolean l1BeaconIgnore,
    boolean l1TrustRpc,
    String l1RpcKind,
    URI l2,
    Path l2JwtSecret,
    RollupConfig rollup,
    String rpcAddr,
    int rpcPort,
    boolean rpcEnableAdmin,
    DriverConfig driver,
    Optional<Path> safeDbPath,
    Optional<Metrics> metrics,
    List<URI> publishTo,
    String name) {

  /** Alone in its process: no name. */
  public NodeConfig(
      URI l1,
      Optional<URI> l1Beacon,
      boolean l1BeaconIgnore,
      boolean l1TrustRpc,
      String l1RpcKind,
      URI l2,
      Path l2JwtSecret,
      RollupConfig rollup,
      String rpcAddr,
      int rpcPort,
      boolean rpcEnableAdmin,
      DriverConfig driver,
      Optional<Path> safeDbPath,
      Optional<Metrics> metrics,
      List<URI> publishTo) {
    this(
        l1,
        l1Beacon,
        l1BeaconIgnore,
        l1TrustRpc,
        l1RpcKind,
        l2,
        l2JwtSecret,
        rollup,
        rpcAddr,
        rpcPort,
        rpcEnableAdmin,
        driver,
        safeDbPath,
        metrics,
        publishTo,
        "");
  }

  /** Without peers to publish unsafe blocks to. */
  public NodeConfig(
      URI l1,
      Optional<URI> l1Beacon,
      boolean l1BeaconIgnore,
      boolean l1TrustRpc,
      String l1RpcKind,
      URI l2,
      Path l2JwtSecret,
      RollupConfig rollup,
      String rpcAddr,
      int rpcPort,
      boolean rpcEnableAdmin,
      DriverConfig driver,
      Optional<Path> safeDbPath,
      Optional<Metrics> metrics) {
    this(
        l1,
        l1Beacon,
        l1BeaconIgnore,
        l1TrustRpc,
        l1RpcKind,
        l2,
        l2JwtSecret,
        rollup,
        rpcAddr,
        rpcPort,
        rpcEnableAdmin,
        driver,
        safeDbPath,
        metrics,
        List.of());
  }

  /** Where Prometheus metrics are served. */
  public record Metrics(String addr, int port) {}

  public NodeConfig {
    Objects.requireNonNull(l1, "l1");
    Objects.requireNonNull(l1Beacon, "l1Beacon");
    Objects.requireNonNull(l1RpcKind, "l1RpcKind");
    Objects.requireNonNull(l2, "l2");
    Objects.requireNonNull(l2JwtSecret, "l2JwtSecret");
    Objects.requireNonNull(rollup, "rollup");
    Objects.requireNonNull(rpcAddr, "rpcAddr");
    Objects.requireNonNull(driver, "driver");
    Objects.requireNonNull(safeDbPath, "safeDbPath");
    Objects.requireNonNull(metrics, "metrics");
    publishTo = List.copyOf(publishTo);
    Objects.requireNonNull(name, "name");
    if (rpcPort < 0 || rpcPort > 65_535) {
      throw new IllegalArgumentException("invalid --rpc.port " + rpcPort);
    }
  }

  /** The same node under {@code name} (see {@link #name}). */
  public NodeConfig withName(String name) {
    return new NodeConfig(
        l1,
        l1Beacon,
        l1BeaconIgnore,
        l1TrustRpc,
        l1RpcKind,
        l2,
        l2JwtSecret,
        rollup,
        rpcAddr,
        rpcPort,
        rpcEnableAdmin,
        driver,
        safeDbPath,
        metrics,
        publishTo,
        name);
  }

  /** {@code base} prefixed with the node's name ("seq-driver"), or {@code base} without one. */
  public String threadName(String base) {
    return name.isEmpty() ? base : name + "-" + base;
  }
}
