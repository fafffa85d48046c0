package io.merapi.cli;

import io.merapi.node.NodeConfig;
import io.merapi.node.RollupNodeService;
import io.merapi.node.driver.DriverConfig;
import io.merapi.types.config.RollupConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi node}: the rollup node, with op-node's flag names and {@code OP_NODE_*} environment
 * variables (a flag on the command line wins over its variable).
 */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Rollup node (sequencer or verifier), op-node flags.")
public final class NodeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--l1",
      defaultValue = "${env:OP_NODE_L1_ETH_RPC:-http://127.0.0.1:8545}",
      description = "L1 JSON-RPC endpoint (default: ${DEFAULT-VALUE}).")
  URI l1;

  @Option(
      names = "--l1.beacon",
      defaultValue = "${env:OP_NODE_L1_BEACON}",
      description = "L1 beacon API endpoint, for blobs.")
  URI l1Beacon;

  @Option(
      names = "--l1.beacon.ignore",
      defaultValue = "${env:OP_NODE_L1_BEACON_IGNORE:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Run without a beacon API (blob data then cannot be derived).")
  boolean l1BeaconIgnore;

  @Option(
      names = "--l1.trustrpc",
      defaultValue = "${env:OP_NODE_L1_TRUST_RPC:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Trust the L1 RPC: skip checking its data against block hashes and roots.")
  boolean l1TrustRpc;

  @Option(
      names = "--l1.rpckind",
      defaultValue = "${env:OP_NODE_L1_RPC_KIND:-standard}",
      description =
          "L1 RPC kind, for receipt fetching: basic, any, standard, ... (default: ${DEFAULT-VALUE}).")
  String l1RpcKind;

  @Option(
      names = "--l1.http-poll-interval",
      defaultValue = "${env:OP_NODE_L1_HTTP_POLL_INTERVAL:-12s}",
      description = "How often the L1 head is polled (default: ${DEFAULT-VALUE}).")
  String l1PollInterval;

  @Option(
      names = "--l2",
      defaultValue = "${env:OP_NODE_L2_ENGINE_RPC}",
      description = "L2 engine's Engine API endpoint (authenticated RPC).")
  URI l2;

  @Option(
      names = "--l2.jwt-secret",
      defaultValue = "${env:OP_NODE_L2_ENGINE_AUTH}",
      description = "File with the 32-byte hex JWT secret shared with the engine.")
  Path l2JwtSecret;

  @Option(
      names = "--rollup.config",
      defaultValue = "${env:OP_NODE_ROLLUP_CONFIG}",
      description = "Rollup config file (op-node's rollup.json).")
  Path rollupConfig;

  @Option(
      names = "--network",
      defaultValue = "${env:OP_NODE_NETWORK}",
      description = "A built-in rollup config: op-mainnet or op-sepolia.")
  String network;

  @Option(
      names = "--rpc.addr",
      defaultValue = "${env:OP_NODE_RPC_ADDR:-127.0.0.1}",
      description = "Rollup RPC address (default: ${DEFAULT-VALUE}).")
  String rpcAddr;

  @Option(
      names = "--rpc.port",
      defaultValue = "${env:OP_NODE_RPC_PORT:-9545}",
      description = "Rollup RPC port (default: ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--rpc.enable-admin",
      defaultValue = "${env:OP_NODE_RPC_ENABLE_ADMIN:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Serve the admin_* methods.")
  boolean rpcEnableAdmin;

  @Option(
      names = "--sequencer.enabled",
      defaultValue = "${env:OP_NODE_SEQUENCER_ENABLED:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Build blocks as the sequencer.")
  boolean sequencerEnabled;

  @Option(
      names = "--sequencer.stopped",
      defaultValue = "${env:OP_NODE_SEQUENCER_STOPPED:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Start the sequencer stopped (admin_startSequencer starts it).")
  boolean sequencerStopped;

  @Option(
      names = "--sequencer.l1-confs",
      defaultValue = "${env:OP_NODE_SEQUENCER_L1_CONFS:-4}",
      description = "L1 blocks the sequencer keeps behind the L1 head (default: ${DEFAULT-VALUE}).")
  long sequencerConfs;

  @Option(
      names = "--sequencer.publish-to",
      split = ",",
      defaultValue = "${env:OP_NODE_SEQUENCER_PUBLISH_TO}",
      description =
          "Rollup RPC URLs of other nodes that get each new block by admin_postUnsafePayload"
              + " (Merapi's stand-in for P2P gossip).")
  List<URI> publishTo;

  @Option(
      names = "--verifier.l1-confs",
      defaultValue = "${env:OP_NODE_VERIFIER_L1_CONFS:-0}",
      description = "L1 blocks derivation keeps behind the L1 head (default: ${DEFAULT-VALUE}).")
  long verifierConfs;

  @Option(
      names = "--safedb.path",
      defaultValue = "${env:OP_NODE_SAFEDB_PATH}",
      description = "Directory of the safe-head database (optional).")
  Path safeDbPath;

  @Option(
      names = "--metrics.enabled",
      defaultValue = "${env:OP_NODE_METRICS_ENABLED:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Serve Prometheus metrics.")
  boolean metricsEnabled;

  @Option(
      names = "--metrics.addr",
      defaultValue = "${env:OP_NODE_METRICS_ADDR:-0.0.0.0}",
      description = "Metrics address (default: ${DEFAULT-VALUE}).")
  String metricsAddr;

  @Option(
      names = "--metrics.port",
      defaultValue = "${env:OP_NODE_METRICS_PORT:-7300}",
      description = "Metrics port (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  @Override
  public Integer call() throws InterruptedException {
    ServiceRun.applyEnvironmentLogLevel(spec, "OP_NODE");
    NodeConfig config = config();
    RollupNodeService node = ServiceRun.start(() -> RollupNodeService.start(config));
    return ServiceRun.untilStopped(
        spec,
        node,
        "Merapi rollup node, L2 chain "
            + config.rollup().l2ChainId()
            + (config.driver().sequencerEnabled() ? " (sequencer)" : " (verifier)"),
        "rollup RPC",
        node.rpcUri(),
        node.metricsUri());
  }

  NodeConfig config() {
    Flags.require(l2, "--l2 is required: the engine's authenticated RPC endpoint");
    Flags.require(l2JwtSecret, "--l2.jwt-secret is required: the JWT secret file");
    if (l1Beacon == null && !l1BeaconIgnore) {
      throw new CommandFailure(
          "--l1.beacon is required to read blobs (or pass --l1.beacon.ignore to run without)");
    }
    try {
      return new NodeConfig(
          l1,
          Optional.ofNullable(l1Beacon),
          l1BeaconIgnore,
          l1TrustRpc,
          l1RpcKind,
          l2,
          l2JwtSecret,
          rollup(),
          rpcAddr,
          rpcPort,
          rpcEnableAdmin,
          new DriverConfig(
              sequencerEnabled,
              sequencerStopped,
              sequencerConfs,
              verifierConfs,
              Flags.duration("--l1.http-poll-interval", l1PollInterval)),
          Optional.ofNullable(safeDbPath),
          metricsEnabled
              ? Optional.of(new NodeConfig.Metrics(metricsAddr, metricsPort))
              : Optional.empty(),
          publishTo == null ? List.of() : publishTo);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  private RollupConfig rollup() {
    if (rollupConfig != null && network != null) {
      throw new CommandFailure("give --rollup.config or --network, not both");
    }
    if (rollupConfig != null) {
      try {
        return RollupConfig.read(rollupConfig);
      } catch (IOException | IllegalArgumentException e) {
        throw new CommandFailure(
            "cannot read rollup config " + rollupConfig + ": " + e.getMessage());
      }
    }
    if (network != null) {
      try {
        return io.merapi.node.Networks.rollupConfig(network);
      } catch (IllegalArgumentException e) {
        throw new CommandFailure(e.getMessage());
      }
    }
    throw new CommandFailure("--rollup.config or --network is required");
  }

  /**
   * Booleans as op-node reads them, flags and variables alike: Go's {@code strconv.ParseBool}, so
   * that {@code OP_NODE_SEQUENCER_ENABLED=1} means what it means to op-node.
   */
  static final class GoBool implements CommandLine.ITypeConverter<Boolean> {
    @Override
    public Boolean convert(String value) {
      return switch (value) {
        case "1", "t", "T", "TRUE", "true", "True" -> true;
        case "0", "f", "F", "FALSE", "false", "False" -> false;
        default ->
            throw new CommandLine.TypeConversionException(
                "'" + value + "' is not a boolean (true, false, 1, 0, t, f)");
      };
    }
  }
}
