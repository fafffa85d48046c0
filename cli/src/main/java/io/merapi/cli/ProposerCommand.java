package io.merapi.cli;

import io.merapi.base.bytes.Address;
import io.merapi.proposer.ProposerConfig;
import io.merapi.proposer.ProposerService;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi proposer}: the output-root proposer, with op-proposer's flag names, defaults and
 * {@code OP_PROPOSER_*} environment variables (a flag on the command line wins over its variable),
 * plus {@code --l2-eth-rpc}: the L2 engine every output root is checked against before it is
 * signed.
 */
@Command(
    name = "proposer",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ProposerCommand.Env.class,
    description = "Output root proposer, op-proposer flags.")
public final class ProposerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--l1-eth-rpc",
      defaultValue = "${env:OP_PROPOSER_L1_ETH_RPC}",
      description = "L1 JSON-RPC endpoint.")
  URI l1EthRpc;

  @Option(
      names = "--rollup-rpc",
      defaultValue = "${env:OP_PROPOSER_ROLLUP_RPC}",
      description = "The rollup node's RPC endpoint, where output roots come from.")
  URI rollupRpc;

  @Option(
      names = "--l2-eth-rpc",
      defaultValue = "${env:OP_PROPOSER_L2_ETH_RPC}",
      description =
          "The L2 engine's JSON-RPC endpoint: each output root is recomputed from its state"
              + " before it is proposed (Merapi's flag).")
  URI l2EthRpc;

  @Option(
      names = "--l2oo-address",
      defaultValue = "${env:OP_PROPOSER_L2OO_ADDRESS}",
      description = "Address of the L2OutputOracle.")
  String l2ooAddress;

  @Option(
      names = "--game-factory-address",
      defaultValue = "${env:OP_PROPOSER_GAME_FACTORY_ADDRESS}",
      description = "Address of the DisputeGameFactory.")
  String gameFactoryAddress;

  @Option(
      names = "--proposal-interval",
      defaultValue = "${env:OP_PROPOSER_PROPOSAL_INTERVAL:-0s}",
      description = "Time between games with --game-factory-address (default: ${DEFAULT-VALUE}).")
  String proposalInterval;

  @Option(
      names = "--game-type",
      defaultValue = "${env:OP_PROPOSER_GAME_TYPE:-0}",
      description = "Dispute game type to create (default: ${DEFAULT-VALUE}).")
  long gameType;

  @Option(
      names = "--poll-interval",
      defaultValue = "${env:OP_PROPOSER_POLL_INTERVAL:-12s}",
      description = "How often the rollup node is polled (default: ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(
      names = "--allow-non-finalized",
      defaultValue = "${env:OP_PROPOSER_ALLOW_NON_FINALIZED:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Propose safe L2 blocks, not only finalized ones.")
  boolean allowNonFinalized;

  @Mixin TxManagerFlags txmgr;

  @Option(
      names = "--rpc.addr",
      defaultValue = "${env:OP_PROPOSER_RPC_ADDR:-0.0.0.0}",
      description = "Admin RPC address (default: ${DEFAULT-VALUE}).")
  String rpcAddr;

  @Option(
      names = "--rpc.port",
      defaultValue = "${env:OP_PROPOSER_RPC_PORT:-8545}",
      description = "Admin RPC port (default: ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--rpc.enable-admin",
      defaultValue = "${env:OP_PROPOSER_RPC_ENABLE_ADMIN:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Serve admin_startProposer and admin_stopProposer.")
  boolean rpcEnableAdmin;

  @Option(
      names = "--metrics.enabled",
      defaultValue = "${env:OP_PROPOSER_METRICS_ENABLED:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Serve Prometheus metrics.")
  boolean metricsEnabled;

  @Option(
      names = "--metrics.addr",
      defaultValue = "${env:OP_PROPOSER_METRICS_ADDR:-0.0.0.0}",
      description = "Metrics address (default: ${DEFAULT-VALUE}).")
  String metricsAddr;

  @Option(
      names = "--metrics.port",
      defaultValue = "${env:OP_PROPOSER_METRICS_PORT:-7300}",
      description = "Metrics port (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  /** The txmgr flags' variables under op-proposer's prefix. */
  static final class Env extends TxManagerFlags.Env {
    Env() {
      super("OP_PROPOSER");
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    ServiceRun.applyEnvironmentLogLevel(spec, "OP_PROPOSER");
    ProposerConfig config = config();
    ProposerService proposer = ServiceRun.start(() -> ProposerService.start(config));
    return ServiceRun.untilStopped(
        spec,
        proposer,
        "Merapi proposer, proposing from "
            + config.key().address()
            + switch (config.mode()) {
              case ProposerConfig.OutputOracle o -> " to the L2OutputOracle at " + o.address();
              case ProposerConfig.GameFactory g ->
                  " games of type "
                      + g.gameType()
                      + " to the DisputeGameFactory at "
                      + g.address()
                      + " every "
                      + g.proposalInterval().toSeconds()
                      + "s";
            }
            + (config.allowNonFinalized() ? " (safe blocks)" : " (finalized blocks)"),
        "admin RPC",
        proposer.rpcUri(),
        proposer.metricsUri());
  }

  ProposerConfig config() {
    Flags.require(l1EthRpc, "--l1-eth-rpc is required: the L1 JSON-RPC endpoint");
    Flags.require(rollupRpc, "--rollup-rpc is required: the rollup node's RPC endpoint");
    Flags.require(
        l2EthRpc,
        "--l2-eth-rpc is required: the L2 engine's JSON-RPC endpoint, which every output root is"
            + " checked against");
    try {
      return new ProposerConfig(
          l1EthRpc,
          rollupRpc,
          l2EthRpc,
          mode(),
          Flags.duration("--poll-interval", pollInterval),
          allowNonFinalized,
          txmgr.key(),
          txmgr.config(1),
          new ProposerConfig.Rpc(rpcAddr, rpcPort, rpcEnableAdmin),
          metricsEnabled
              ? Optional.of(new ProposerConfig.Endpoint(metricsAddr, metricsPort))
              : Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  /** op-proposer takes exactly one of the two contracts. */
  private ProposerConfig.Mode mode() {
    if (l2ooAddress != null && gameFactoryAddress != null) {
      throw new CommandFailure("give --l2oo-address or --game-factory-address, not both");
    }
    if (l2ooAddress != null) {
      return new ProposerConfig.OutputOracle(
          Flags.parse("--l2oo-address", l2ooAddress, Address::fromHex));
    }
    if (gameFactoryAddress != null) {
      Duration interval = Flags.duration("--proposal-interval", proposalInterval);
      if (interval.isZero()) {
        throw new CommandFailure("--proposal-interval is required with --game-factory-address");
      }
      return new ProposerConfig.GameFactory(
          Flags.parse("--game-factory-address", gameFactoryAddress, Address::fromHex),
          interval,
          gameType);
    }
    throw new CommandFailure("--l2oo-address or --game-factory-address is required");
  }
}
