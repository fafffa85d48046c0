package io.merapi.cli;

import io.merapi.batcher.DataAvailability;
import io.merapi.devnet.Devnet;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.MetricsPorts;
import io.merapi.devnet.Ports;
import io.merapi.devnet.chain.ChainSettings;
import io.merapi.devnet.info.DevnetBanner;
import io.merapi.devnet.info.DevnetInfo;
import io.merapi.devnet.info.Endpoints;
import io.merapi.explorer.Explorer;
import io.merapi.explorer.ExplorerConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code merapi devnet}: the whole rollup in this process — the dev L1 (chain 900) with the
 * rollup's contracts, the L2 (chain 901) with its sequencer, a verifier, the batcher, the proposer
 * and the resolver of its fast games — on the OP devnet's ports, kept in {@code --datadir} across
 * restarts until {@code --fresh}, and the block explorer over them on port 4000. Every flag is
 * inherited by {@code merapi devnet init}, which prepares the same devnet for separate processes.
 */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    subcommands = DevnetInitCommand.class,
    description =
        "All-in-one devnet: L1, L2, sequencer, verifier, batcher, proposer, explorer, in one"
            + " process.")
public final class DevnetCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--datadir",
      description = "Where the chains live (default: ~/.merapi/devnet).")
  Path datadir;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--fresh",
      description = "Delete the devnet's chains and start new ones.")
  boolean fresh;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--verifier",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      arity = "0..1",
      description =
          "Run a verifier: an engine and rollup node deriving from L1 only (default: ${DEFAULT-VALUE}).")
  boolean verifier;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--proofs",
      defaultValue = "dispute-games",
      description =
          "How withdrawals are proven: dispute-games or l2oo (default: ${DEFAULT-VALUE}).")
  String proofs;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--batcher.da",
      defaultValue = "blobs",
      description = "Where the batcher posts: calldata, blobs or auto (default: ${DEFAULT-VALUE}).")
  String dataAvailability;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l1.block-time",
      defaultValue = "6",
      description = "Seconds between L1 blocks (default: ${DEFAULT-VALUE}).")
  long l1BlockTime;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l2.block-time",
      defaultValue = "2",
      description = "Seconds between L2 blocks (default: ${DEFAULT-VALUE}).")
  long l2BlockTime;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--proof-maturity-delay",
      defaultValue = "12s",
      description = "How long a proven withdrawal waits (default: ${DEFAULT-VALUE}).")
  String proofMaturityDelay;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--dispute-game-finality-delay",
      defaultValue = "6s",
      description = "How long a resolved game waits (default: ${DEFAULT-VALUE}).")
  String disputeGameFinalityDelay;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l2oo.submission-interval",
      defaultValue = "10",
      description = "L2 blocks between outputs with --proofs l2oo (default: ${DEFAULT-VALUE}).")
  long submissionInterval;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--finalization-period",
      defaultValue = "2s",
      description = "How long an output waits with --proofs l2oo (default: ${DEFAULT-VALUE}).")
  String finalizationPeriod;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--proposal-interval",
      defaultValue = "6s",
      description = "Time between the proposer's games (default: ${DEFAULT-VALUE}).")
  String proposalInterval;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--batcher.max-channel-duration",
      defaultValue = "1",
      description = "L1 blocks a channel stays open at most (default: ${DEFAULT-VALUE}).")
  long maxChannelDuration;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l1.safe-depth",
      defaultValue = "4",
      description = "L1 blocks between the head and the safe block (default: ${DEFAULT-VALUE}).")
  int l1SafeDepth;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l1.finalized-depth",
      defaultValue = "8",
      description =
          "L1 blocks between the head and the finalized block (default: ${DEFAULT-VALUE}).")
  int l1FinalizedDepth;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l1.port",
      defaultValue = "8545",
      description = "L1 JSON-RPC, HTTP and WebSocket (default: ${DEFAULT-VALUE}).")
  int l1Port;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l1.beacon.port",
      defaultValue = "5052",
      description = "L1 beacon API (default: ${DEFAULT-VALUE}).")
  int l1BeaconPort;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l2.port",
      defaultValue = "9545",
      description = "L2 JSON-RPC, HTTP and WebSocket (default: ${DEFAULT-VALUE}).")
  int l2Port;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--l2.authrpc.port",
      defaultValue = "8551",
      description = "L2 Engine API (default: ${DEFAULT-VALUE}).")
  int l2AuthRpcPort;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--node.port",
      defaultValue = "7545",
      description = "Sequencer rollup node RPC (default: ${DEFAULT-VALUE}).")
  int nodePort;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--verifier.l2.port",
      defaultValue = "9645",
      description = "Verifier L2 JSON-RPC (default: ${DEFAULT-VALUE}).")
  int verifierL2Port;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--verifier.l2.authrpc.port",
      defaultValue = "8651",
      description = "Verifier L2 Engine API (default: ${DEFAULT-VALUE}).")
  int verifierL2AuthRpcPort;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--verifier.node.port",
      defaultValue = "7645",
      description = "Verifier rollup node RPC (default: ${DEFAULT-VALUE}).")
  int verifierNodePort;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--batcher.rpc.port",
      defaultValue = "6545",
      description = "Batcher admin RPC (default: ${DEFAULT-VALUE}).")
  int batcherRpcPort;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--proposer.rpc.port",
      defaultValue = "6546",
      description = "Proposer RPC (default: ${DEFAULT-VALUE}).")
  int proposerRpcPort;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--explorer",
      defaultValue = "true",
      negatable = true,
      fallbackValue = "true",
      arity = "0..1",
      description =
          "Serve the block explorer (merapi explorer) over the devnet (default: ${DEFAULT-VALUE}).")
  boolean explorer;

  @Option(
      scope = ScopeType.INHERIT,
      names = "--explorer.port",
      defaultValue = "4000",
      description = "The block explorer's pages (default: ${DEFAULT-VALUE}).")
  int explorerPort;

  @Option(
      names = "--metrics",
      description =
          "Serve each component's Prometheus metrics on its own port (ports below; default: off).")
  boolean metrics;

  @Option(
      names = "--metrics.l1.port",
      defaultValue = "6060",
      description = "L1 metrics (default: ${DEFAULT-VALUE}).")
  int metricsL1Port;

  @Option(
      names = "--metrics.l2.port",
      defaultValue = "6061",
      description = "Sequencer L2 engine metrics (default: ${DEFAULT-VALUE}).")
  int metricsL2Port;

  @Option(
      names = "--metrics.verifier.l2.port",
      defaultValue = "6062",
      description = "Verifier L2 engine metrics (default: ${DEFAULT-VALUE}).")
  int metricsVerifierL2Port;

  @Option(
      names = "--metrics.node.port",
      defaultValue = "7300",
      description = "Sequencer rollup node metrics (default: ${DEFAULT-VALUE}).")
  int metricsNodePort;

  @Option(
      names = "--metrics.verifier.node.port",
      defaultValue = "7303",
      description = "Verifier rollup node metrics (default: ${DEFAULT-VALUE}).")
  int metricsVerifierNodePort;

  @Option(
      names = "--metrics.batcher.port",
      defaultValue = "7301",
      description = "Batcher metrics (default: ${DEFAULT-VALUE}).")
  int metricsBatcherPort;

  @Option(
      names = "--metrics.proposer.port",
      defaultValue = "7302",
      description = "Proposer metrics (default: ${DEFAULT-VALUE}).")
  int metricsProposerPort;

  @Override
  public Integer call() throws InterruptedException {
    DevnetConfig config = config();
    if (explorer && (explorerPort < 0 || explorerPort > 65_535)) {
      throw new CommandFailure("--explorer.port out of range: " + explorerPort);
    }
    Devnet devnet = ServiceRun.start(() -> Devnet.start(config));
    Optional<Explorer> served = explorer ? Optional.of(startExplorer(devnet)) : Optional.empty();
    Shutdown shutdown =
        Shutdown.closing(
            () -> {
              // The explorer reads the chains: it stops first, so it logs no unreachable RPCs.
              served.ifPresent(Explorer::close);
              devnet.close();
              announceCacheWrite();
            });
    DevnetInfo info = devnet.info();
    if (served.isPresent()) {
      info = info.withExplorer(served.get().uri());
      info.dir().writeInfo(info.toJson()); // devnet.json names the explorer too
    }
    PrintWriter out = spec.commandLine().getOut();
    DevnetBanner.lines(info).forEach(out::println);
    out.flush();
    shutdown.await();
    return 0;
  }

  /**
   * The block explorer over the devnet's L1, sequencer L2 and rollup node, its index in the
   * devnet's directory; a port that cannot be bound stops the devnet again and says so in one line.
   */
  private Explorer startExplorer(Devnet devnet) {
    Endpoints endpoints = devnet.info().endpoints();
    try {
      return Explorer.start(
          ExplorerConfig.of(
                  endpoints.l1Rpc(),
                  endpoints.l2Rpc(),
                  endpoints.node(),
                  devnet.info().dir().explorer())
              .withL1Beacon(endpoints.l1Beacon())
              .withPort(explorerPort));
    } catch (RuntimeException e) {
      devnet.close();
      throw new CommandFailure(
          "cannot serve the block explorer on port "
              + explorerPort
              + ": "
              + e.getMessage()
              + " (--explorer.port chooses another, --explorer=false leaves it out)");
    }
  }

  /** Whether {@code merapi devnet} serves the explorer, and on which port. */
  Optional<Integer> explorerPort() {
    return explorer ? Optional.of(explorerPort) : Optional.empty();
  }

  /**
   * The launcher's first devnet run after a build trains the JVM's ahead-of-time class cache, which
   * the JVM writes only as it exits, after everything has stopped: without a word that pause reads
   * as a hang.
   */
  private static void announceCacheWrite() {
    if ("1".equals(System.getenv("MERAPI_AOT_TRAINING"))) {
      System.err.println(
          "merapi: devnet stopped; writing the start-up cache for the next `merapi devnet`"
              + " (10-20 s, once after each build; MERAPI_AOT=0 skips it)");
    }
  }

  DevnetConfig config() {
    try {
      ChainSettings.Proofs proofSettings =
          switch (proofs) {
            case "dispute-games" ->
                new ChainSettings.DisputeGames(
                    seconds("--proof-maturity-delay", proofMaturityDelay),
                    seconds("--dispute-game-finality-delay", disputeGameFinalityDelay));
            case "l2oo" ->
                new ChainSettings.OutputOracle(
                    submissionInterval, seconds("--finalization-period", finalizationPeriod));
            default ->
                throw new CommandFailure(
                    "unknown --proofs " + proofs + ": expected dispute-games or l2oo");
          };
      return new DevnetConfig(
          datadir != null ? datadir : DevnetConfig.defaultDatadir(),
          fresh,
          new ChainSettings(l1BlockTime, l2BlockTime, proofSettings),
          new Ports(
              l1Port,
              l1BeaconPort,
              l2Port,
              l2AuthRpcPort,
              nodePort,
              verifierL2Port,
              verifierL2AuthRpcPort,
              verifierNodePort,
              batcherRpcPort,
              proposerRpcPort),
          verifier,
          DataAvailability.parse(dataAvailability),
          maxChannelDuration,
          Flags.duration("--proposal-interval", proposalInterval),
          l1SafeDepth,
          l1FinalizedDepth,
          metrics
              ? Optional.of(
                  new MetricsPorts(
                      metricsL1Port,
                      metricsL2Port,
                      metricsVerifierL2Port,
                      metricsNodePort,
                      metricsVerifierNodePort,
                      metricsBatcherPort,
                      metricsProposerPort))
              : Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  private static long seconds(String flag, String value) {
    return Flags.duration(flag, value).toSeconds();
  }
}
