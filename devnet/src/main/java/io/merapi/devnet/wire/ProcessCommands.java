package io.merapi.devnet.wire;

import io.merapi.base.bytes.Hex;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.MetricsPorts;
import io.merapi.devnet.Ports;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.chain.DevnetGenesis;
import io.merapi.devnet.info.Endpoints;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.service.txmgr.TxManagerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.function.ToIntFunction;
import java.util.regex.Pattern;

/**
 * The devnet as separate {@code merapi} processes: the command line of each component, carrying the
 * values {@link ComponentConfigs} gives the in-process services (same ports, keys, intervals,
 * confirmations, files), so that running these processes is running the devnet. The processes find
 * each other by port, so every port must be fixed (not 0). Pure: nothing is started here.
 */
public final class ProcessCommands {
  /** One process: a name for its logs and the arguments after {@code merapi}. */
  public record Command(String name, List<String> args) {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    public Command {
      args = List.copyOf(args);
    }

    /**
     * The command as one POSIX shell line: {@code program}, then each argument quoted if need be.
     */
    public String shellLine(String program) {
      StringBuilder line = new StringBuilder(quote(program));
      for (String arg : args) {
        line.append(' ').append(quote(arg));
      }
      return line.toString();
    }

    static String quote(String word) {
      if (PLAIN.matcher(word).matches()) {
        return word;
      }
      return "'" + word.replace("'", "'\"'\"'") + "'";
    }
  }

  private final DevnetConfig config;
  private final ChainFiles files;
  private final DevnetDir dir;
  private final TxManagerConfig txManager;

  /**
   * From the same inputs as {@link ComponentConfigs}.
   *
   * @throws IllegalArgumentException if a port is 0: a process cannot learn another's free port
   */
  public ProcessCommands(DevnetConfig config, ChainFiles files, DevnetDir dir) {
    Ports ports = config.ports();
    for (int port :
        List.of(
            ports.l1(),
            ports.l1Beacon(),
            ports.l2(),
            ports.l2AuthRpc(),
            ports.node(),
            ports.verifierL2(),
            ports.verifierL2AuthRpc(),
            ports.verifierNode(),
            ports.batcher(),
            ports.proposer())) {
      if (port == 0) {
        throw new IllegalArgumentException(
            "separate processes find each other by port: every port must be fixed, not 0");
      }
    }
    this.config = config;
    this.files = files;
    this.dir = dir;
    this.txManager = new ComponentConfigs(config, files, dir).txManager();
  }

  /** Every process in the devnet's start order (L1, engines, verifier, sequencer, services). */
  public List<Command> all() {
    List<Command> all = new ArrayList<>();
    all.add(l1());
    all.add(engine(true));
    if (config.verifier()) {
      all.add(engine(false));
      all.add(node(false));
    }
    all.add(node(true));
    all.add(batcher());
    all.add(proposer());
    challenger().ifPresent(all::add);
    return all;
  }

  /**
   * {@code merapi execution --dev}: the L1 of the chain files, one port for HTTP and WebSocket open
   * to browsers, the beacon API. The dev L1 has no Engine API in the devnet; a process cannot turn
   * it off, so it gets a free port nobody uses.
   */
  public Command l1() {
    List<String> args = new ArrayList<>(List.of("execution", "--dev"));
    add(args, "--datadir", dir.l1());
    add(args, "--genesis", dir.l1GenesisFile());
    userFacing(args, config.ports().l1());
    add(args, "--authrpc.port", 0);
    add(args, "--dev.period", files.settings().l1BlockTime());
    add(args, "--dev.safe-depth", config.l1SafeDepth());
    add(args, "--dev.finalized-depth", config.l1FinalizedDepth());
    add(args, "--dev.beacon.addr", ComponentConfigs.LOOPBACK);
    add(args, "--dev.beacon.port", config.ports().l1Beacon());
    metrics(args, "--metrics", MetricsPorts::l1);
    return new Command("l1", args);
  }

  /** {@code merapi execution}: an L2 engine on the L2 genesis behind the shared JWT secret. */
  public Command engine(boolean sequencer) {
    List<String> args = new ArrayList<>(List.of("execution"));
    add(args, "--datadir", dir.engine(sequencer));
    add(args, "--genesis", dir.rollupDir().resolve("genesis.json"));
    args.add("--http");
    args.add("--ws");
    userFacing(args, sequencer ? config.ports().l2() : config.ports().verifierL2());
    add(args, "--authrpc.addr", ComponentConfigs.LOOPBACK);
    add(
        args,
        "--authrpc.port",
        sequencer ? config.ports().l2AuthRpc() : config.ports().verifierL2AuthRpc());
    add(args, "--authrpc.jwtsecret", dir.jwtSecret());
    metrics(args, "--metrics", sequencer ? MetricsPorts::sequencerL2 : MetricsPorts::verifierL2);
    return new Command(role(sequencer) + "-engine", args);
  }

  /**
   * {@code merapi node}: L1 blocks adopted and derived with no confirmations, polled every second,
   * admin RPC on, the sequencer publishing to the verifier.
   */
  public Command node(boolean sequencer) {
    List<String> args = new ArrayList<>(List.of("node"));
    add(args, "--l1", l1Rpc());
    add(args, "--l1.beacon", http(config.ports().l1Beacon()));
    add(
        args,
        "--l2",
        http(sequencer ? config.ports().l2AuthRpc() : config.ports().verifierL2AuthRpc()));
    add(args, "--l2.jwt-secret", dir.jwtSecret());
    add(args, "--rollup.config", dir.rollupDir().resolve("rollup.json"));
    add(args, "--rpc.addr", ComponentConfigs.LOOPBACK);
    add(args, "--rpc.port", sequencer ? config.ports().node() : config.ports().verifierNode());
    args.add("--rpc.enable-admin");
    add(args, "--l1.http-poll-interval", duration(ComponentConfigs.POLL));
    add(args, "--sequencer.l1-confs", 0);
    add(args, "--verifier.l1-confs", 0);
    add(args, "--safedb.path", dir.safeDb(sequencer));
    if (sequencer) {
      args.add("--sequencer.enabled");
      if (config.verifier()) {
        add(args, "--sequencer.publish-to", http(config.ports().verifierNode()));
      }
    }
    metrics(
        args,
        "--metrics.enabled",
        sequencer ? MetricsPorts::sequencerNode : MetricsPorts::verifierNode);
    return new Command(role(sequencer) + "-node", args);
  }

  /** {@code merapi batcher}: span batches, channels closed every few L1 blocks, key #2. */
  public Command batcher() {
    List<String> args = new ArrayList<>(List.of("batcher"));
    add(args, "--l1-eth-rpc", l1Rpc());
    add(args, "--l2-eth-rpc", http(config.ports().l2()));
    add(args, "--rollup-rpc", http(config.ports().node()));
    add(args, "--poll-interval", duration(ComponentConfigs.POLL));
    add(args, "--sub-safety-margin", 4);
    add(args, "--max-channel-duration", config.maxChannelDuration());
    add(args, "--target-num-frames", 1);
    add(args, "--compression-algo", "zlib");
    add(args, "--batch-type", "span");
    add(args, "--data-availability-type", config.dataAvailability().displayName());
    add(args, "--max-pending-tx", txManager.maxPendingTx());
    signer(args, DevnetGenesis.BATCHER_ACCOUNT);
    add(args, "--rpc.addr", ComponentConfigs.LOOPBACK);
    add(args, "--rpc.port", config.ports().batcher());
    metrics(args, "--metrics.enabled", MetricsPorts::batcher);
    return new Command("batcher", args);
  }

  /** {@code merapi proposer}: fast games (or L2OutputOracle outputs) from safe blocks, key #1. */
  public Command proposer() {
    List<String> args = new ArrayList<>(List.of("proposer"));
    add(args, "--l1-eth-rpc", l1Rpc());
    add(args, "--rollup-rpc", http(config.ports().node()));
    add(args, "--l2-eth-rpc", http(config.ports().l2()));
    L1Deployment l1 = files.rollup().l1();
    if (l1.usesFaultProofs()) {
      add(args, "--game-factory-address", l1.disputeGameFactoryProxy().orElseThrow().toHex());
      add(args, "--proposal-interval", duration(config.proposalInterval()));
      add(args, "--game-type", DeployConfig.FAST_GAME_TYPE);
    } else {
      add(args, "--l2oo-address", l1.l2OutputOracleProxy().orElseThrow().toHex());
    }
    add(args, "--poll-interval", duration(ComponentConfigs.POLL));
    args.add("--allow-non-finalized");
    signer(args, DevnetGenesis.PROPOSER_ACCOUNT);
    add(args, "--rpc.addr", ComponentConfigs.LOOPBACK);
    add(args, "--rpc.port", config.ports().proposer());
    args.add("--rpc.enable-admin");
    metrics(args, "--metrics.enabled", MetricsPorts::proposer);
    return new Command("proposer", args);
  }

  /**
   * {@code merapi challenger --trace-type fast}, the resolver of the proposer's games (key #4);
   * empty with the L2OutputOracle, which has no games.
   */
  public Optional<Command> challenger() {
    return files
        .rollup()
        .l1()
        .disputeGameFactoryProxy()
        .map(
            factory -> {
              List<String> args = new ArrayList<>(List.of("challenger"));
              add(args, "--l1-eth-rpc", l1Rpc());
              add(args, "--game-factory-address", factory.toHex());
              add(args, "--trace-type", "fast");
              add(args, "--http-poll-interval", duration(ComponentConfigs.POLL));
              add(args, "--max-pending-tx", txManager.maxPendingTx());
              signer(args, DevnetGenesis.CHALLENGER_ACCOUNT);
              return new Command("challenger", args);
            });
  }

  /**
   * {@code merapi explorer}: the block explorer over the L1, the sequencer's L2 and its rollup
   * node, its index in the devnet's directory. Not one of {@link #all}: {@code merapi devnet}
   * serves it one module up (the explorer's own tests need the devnet), so its port is the
   * caller's.
   *
   * @throws IllegalArgumentException if {@code port} is 0: {@code devnet.json} could not name it
   */
  public Command explorer(int port) {
    if (port == 0) {
      throw new IllegalArgumentException(
          "separate processes find each other by port: the explorer's must be fixed, not 0");
    }
    List<String> args = new ArrayList<>(List.of("explorer"));
    add(args, "--l1", l1Rpc());
    add(args, "--l2", http(config.ports().l2()));
    add(args, "--node", http(config.ports().node()));
    add(args, "--l1.beacon", http(config.ports().l1Beacon()));
    add(args, "--addr", ComponentConfigs.LOOPBACK);
    add(args, "--port", port);
    add(args, "--datadir", dir.explorer());
    return new Command("explorer", args);
  }

  /** Where the explorer of {@link #explorer} serves. */
  public static URI explorerUri(int port) {
    return http(port);
  }

  /**
   * With {@code --metrics}: the component's metrics flags ({@code merapi execution}'s {@code
   * --metrics}, the op-* services' {@code --metrics.enabled}) and its port.
   */
  private void metrics(List<String> args, String enable, ToIntFunction<MetricsPorts> component) {
    config
        .metrics()
        .ifPresent(
            ports -> {
              args.add(enable);
              add(args, "--metrics.addr", ComponentConfigs.LOOPBACK);
              add(args, "--metrics.port", component.applyAsInt(ports));
            });
  }

  /** Each process's {@code /metrics}, by the roles the in-process devnet lists them under. */
  private SequencedMap<String, URI> metricsEndpoints() {
    SequencedMap<String, URI> endpoints = new LinkedHashMap<>();
    config
        .metrics()
        .ifPresent(
            ports -> {
              endpoints.put("l1", metricsUri(ports.l1()));
              endpoints.put("sequencerL2", metricsUri(ports.sequencerL2()));
              if (config.verifier()) {
                endpoints.put("verifierL2", metricsUri(ports.verifierL2()));
              }
              endpoints.put("sequencerNode", metricsUri(ports.sequencerNode()));
              if (config.verifier()) {
                endpoints.put("verifierNode", metricsUri(ports.verifierNode()));
              }
              endpoints.put("batcher", metricsUri(ports.batcher()));
              endpoints.put("proposer", metricsUri(ports.proposer()));
            });
    return endpoints;
  }

  private static URI metricsUri(int port) {
    return URI.create("http://" + ComponentConfigs.LOOPBACK + ":" + port + "/metrics");
  }

  /**
   * Where these processes serve, for {@code devnet.json}: the in-process devnet's endpoints on the
   * same ports.
   */
  public Endpoints endpoints() {
    Ports ports = config.ports();
    return new Endpoints(
        l1Rpc(),
        ws(ports.l1()),
        http(ports.l1Beacon()),
        http(ports.l2()),
        ws(ports.l2()),
        http(ports.l2AuthRpc()),
        http(ports.node()),
        config.verifier() ? Optional.of(http(ports.verifierL2())) : Optional.empty(),
        config.verifier() ? Optional.of(http(ports.verifierNode())) : Optional.empty(),
        http(ports.batcher()),
        http(ports.proposer()),
        metricsEndpoints(),
        Optional.empty());
  }

  /** HTTP and WebSocket on one port (the two flags name the same one), all namespaces, CORS *. */
  private static void userFacing(List<String> args, int port) {
    add(args, "--http.addr", ComponentConfigs.LOOPBACK);
    add(args, "--http.port", port);
    add(args, "--http.api", "*");
    add(args, "--http.corsdomain", "*");
    add(args, "--ws.addr", ComponentConfigs.LOOPBACK);
    add(args, "--ws.port", port);
    add(args, "--ws.api", "*");
    add(args, "--ws.origins", "*");
  }

  /** The signer and the devnet's transaction-manager settings (op-service's txmgr flags). */
  private void signer(List<String> args, int account) {
    add(args, "--private-key", Hex.encode(DevAccounts.defaults().keys().get(account).toBytes()));
    add(args, "--num-confirmations", txManager.numConfirmations());
    add(args, "--resubmission-timeout", duration(txManager.resubmissionTimeout()));
    add(args, "--txmgr.receipt-query-interval", duration(txManager.receiptQueryInterval()));
  }

  private URI l1Rpc() {
    return http(config.ports().l1());
  }

  private static URI http(int port) {
    return URI.create("http://" + ComponentConfigs.LOOPBACK + ":" + port);
  }

  private static URI ws(int port) {
    return URI.create("ws://" + ComponentConfigs.LOOPBACK + ":" + port);
  }

  private static String role(boolean sequencer) {
    return sequencer ? "sequencer" : "verifier";
  }

  /** A Go-style duration, as the service commands read them: whole seconds or milliseconds. */
  static String duration(Duration value) {
    long millis = value.toMillis();
    return millis % 1000 == 0
        ? String.format(Locale.ROOT, "%ds", millis / 1000)
        : String.format(Locale.ROOT, "%dms", millis);
  }

  private static void add(List<String> args, String flag, Object value) {
    args.add(flag);
    args.add(value instanceof Path path ? path.toString() : String.valueOf(value));
  }
}
