package io.merapi.cli;

import static io.merapi.cli.MerapiRun.merapi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.merapi.cli.MerapiRun.Output;
import io.merapi.node.Networks;
import io.merapi.node.NodeConfig;
import io.merapi.rpc.RpcJson;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code merapi node}'s flags as op-node has them (op-node/flags/flags.go): names, defaults, the
 * {@code OP_NODE_*} variable behind each flag, and the errors the node refuses to start with.
 *
 * <p>The variables are resolved by picocli from the {@code ${env:NAME:-default}} defaults of the
 * options. The tests do not change the process environment: {@link EnvironmentDefaults} resolves
 * those same expressions from a map, through picocli's default-value provider.
 */
class NodeCommandTest {
  @TempDir static Path dir;

  private static Path jwt;
  private static Path rollupFile;

  @BeforeAll
  static void files() throws Exception {
    jwt = dir.resolve("jwt.hex");
    Files.writeString(jwt, "0x" + "ab".repeat(32));
    rollupFile = dir.resolve("rollup.json");
    Files.writeString(
        rollupFile,
        RpcJson.mapper().writeValueAsString(Networks.rollupConfig("op-sepolia").toJson()));
  }

  /** The flags without which the node does not start; tests add to these. */
  private static List<String> required(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--l2",
                "http://127.0.0.1:8551",
                "--l2.jwt-secret",
                jwt.toString(),
                "--l1.beacon",
                "http://127.0.0.1:5052",
                "--rollup.config",
                rollupFile.toString()));
    args.addAll(List.of(more));
    return args;
  }

  private static NodeConfig parse(Map<String, String> env, List<String> args) {
    NodeCommand command = new NodeCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(env));
    commandLine.parseArgs(args.toArray(String[]::new));
    return command.config();
  }

  // ---- OP_NODE_LOG_LEVEL ---------------------------------------------------------------------

  @Test
  void opNodeLogLevelIsReadUnlessTheCommandLineGivesOne() {
    ch.qos.logback.classic.Logger root =
        (ch.qos.logback.classic.Logger)
            org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ch.qos.logback.classic.Level before = root.getLevel();
    try {
      NodeCommand plain = new NodeCommand();
      new CommandLine(plain).parseArgs(required().toArray(String[]::new));
      ServiceRun.applyEnvironmentLogLevel(plain.spec, "OP_NODE_LOG_LEVEL", "crit");
      assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.ERROR);
      ServiceRun.applyEnvironmentLogLevel(plain.spec, "OP_NODE_LOG_LEVEL", "Debug");
      assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.DEBUG);
      assertThatThrownBy(
              () -> ServiceRun.applyEnvironmentLogLevel(plain.spec, "OP_NODE_LOG_LEVEL", "loud"))
          .isInstanceOf(CommandFailure.class)
          .hasMessageContaining("OP_NODE_LOG_LEVEL");

      CommandLine merapi = new CommandLine(new MerapiCommand());
      List<String> args = new ArrayList<>(List.of("--log.level", "warn", "node"));
      args.addAll(required());
      merapi.parseArgs(args.toArray(String[]::new));
      NodeCommand given = merapi.getSubcommands().get("node").getCommand();
      root.setLevel(ch.qos.logback.classic.Level.WARN);
      ServiceRun.applyEnvironmentLogLevel(given.spec, "OP_NODE_LOG_LEVEL", "trace");
      assertThat(root.getLevel()).isEqualTo(ch.qos.logback.classic.Level.WARN);
    } finally {
      root.setLevel(before);
    }
  }

  // ---- defaults ------------------------------------------------------------------------------

  @Test
  void defaultsAreOpNodes() {
    NodeConfig config = parse(Map.of(), required());
    assertThat(config.l1()).isEqualTo(URI.create("http://127.0.0.1:8545"));
    assertThat(config.l1TrustRpc()).isFalse();
    assertThat(config.l1RpcKind()).isEqualTo("standard");
    assertThat(config.l1BeaconIgnore()).isFalse();
    assertThat(config.rpcAddr()).isEqualTo("127.0.0.1");
    assertThat(config.rpcPort()).isEqualTo(9545);
    assertThat(config.rpcEnableAdmin()).isFalse();
    assertThat(config.driver().sequencerEnabled()).isFalse();
    assertThat(config.driver().sequencerStopped()).isFalse();
    assertThat(config.driver().sequencerConfs()).isEqualTo(4);
    assertThat(config.driver().verifierConfs()).isZero();
    assertThat(config.driver().l1PollInterval()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.safeDbPath()).isEmpty();
    assertThat(config.metrics()).isEmpty();

    NodeConfig metrics = parse(Map.of(), required("--metrics.enabled"));
    assertThat(metrics.metrics()).contains(new NodeConfig.Metrics("0.0.0.0", 7300));
  }

  @Test
  void flagsBecomeTheNodeConfig() {
    NodeConfig config =
        parse(
            Map.of(),
            required(
                "--l1",
                "http://10.0.0.1:8545",
                "--l1.trustrpc",
                "--l1.rpckind",
                "basic",
                "--l1.http-poll-interval",
                "250ms",
                "--rpc.addr",
                "0.0.0.0",
                "--rpc.port",
                "0",
                "--rpc.enable-admin",
                "--sequencer.enabled",
                "--sequencer.stopped",
                "--sequencer.l1-confs",
                "2",
                "--verifier.l1-confs",
                "3",
                "--safedb.path",
                dir.resolve("safedb").toString(),
                "--metrics.enabled",
                "--metrics.addr",
                "127.0.0.1",
                "--metrics.port",
                "7301"));
    assertThat(config.l1()).isEqualTo(URI.create("http://10.0.0.1:8545"));
    assertThat(config.l1Beacon()).contains(URI.create("http://127.0.0.1:5052"));
    assertThat(config.l2()).isEqualTo(URI.create("http://127.0.0.1:8551"));
    assertThat(config.l2JwtSecret()).isEqualTo(jwt);
    assertThat(config.l1TrustRpc()).isTrue();
    assertThat(config.l1RpcKind()).isEqualTo("basic");
    assertThat(config.driver().l1PollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.rpcAddr()).isEqualTo("0.0.0.0");
    assertThat(config.rpcPort()).isZero();
    assertThat(config.rpcEnableAdmin()).isTrue();
    assertThat(config.driver().sequencerEnabled()).isTrue();
    assertThat(config.driver().sequencerStopped()).isTrue();
    assertThat(config.driver().sequencerConfs()).isEqualTo(2);
    assertThat(config.driver().verifierConfs()).isEqualTo(3);
    assertThat(config.safeDbPath()).contains(dir.resolve("safedb"));
    assertThat(config.metrics()).contains(new NodeConfig.Metrics("127.0.0.1", 7301));
    assertThat(config.rollup()).isEqualTo(Networks.rollupConfig("op-sepolia"));
  }

  // ---- OP_NODE_* variables -------------------------------------------------------------------

  /**
   * A flag and its variable: {@code value} in the variable gives {@code expected}, and {@code
   * override} given on the command line wins over the variable with {@code overridden}.
   */
  record Variable(
      String flag,
      String variable,
      String value,
      Object expected,
      String override,
      Object overridden,
      Function<NodeConfig, Object> read) {
    @Override
    public String toString() {
      return variable;
    }
  }

  /** op-node's variable for each of its flags that {@code merapi node} has. */
  static Stream<Variable> variables() {
    String safeDb = dir.resolve("safedb-env").toString();
    return Stream.of(
        new Variable(
            "--l1",
            "OP_NODE_L1_ETH_RPC",
            "http://l1.example:8545",
            URI.create("http://l1.example:8545"),
            "http://l1.other:8545",
            URI.create("http://l1.other:8545"),
            NodeConfig::l1),
        new Variable(
            "--l1.beacon",
            "OP_NODE_L1_BEACON",
            "http://beacon.example",
            Optional.of(URI.create("http://beacon.example")),
            "http://beacon.other",
            Optional.of(URI.create("http://beacon.other")),
            NodeConfig::l1Beacon),
        new Variable(
            "--l1.beacon.ignore",
            "OP_NODE_L1_BEACON_IGNORE",
            "true",
            true,
            "false",
            false,
            NodeConfig::l1BeaconIgnore),
        new Variable(
            "--l1.trustrpc",
            "OP_NODE_L1_TRUST_RPC",
            "true",
            true,
            "false",
            false,
            NodeConfig::l1TrustRpc),
        new Variable(
            "--l1.rpckind",
            "OP_NODE_L1_RPC_KIND",
            "erigon",
            "erigon",
            "any",
            "any",
            NodeConfig::l1RpcKind),
        new Variable(
            "--l1.http-poll-interval",
            "OP_NODE_L1_HTTP_POLL_INTERVAL",
            "2s",
            Duration.ofSeconds(2),
            "500ms",
            Duration.ofMillis(500),
            c -> c.driver().l1PollInterval()),
        new Variable(
            "--l2",
            "OP_NODE_L2_ENGINE_RPC",
            "http://engine.example:8551",
            URI.create("http://engine.example:8551"),
            "http://engine.other:8551",
            URI.create("http://engine.other:8551"),
            NodeConfig::l2),
        new Variable(
            "--l2.jwt-secret",
            "OP_NODE_L2_ENGINE_AUTH",
            "/env/jwt.hex",
            Path.of("/env/jwt.hex"),
            "/flag/jwt.hex",
            Path.of("/flag/jwt.hex"),
            NodeConfig::l2JwtSecret),
        new Variable(
            "--rollup.config",
            "OP_NODE_ROLLUP_CONFIG",
            rollupFile.toString(),
            Networks.rollupConfig("op-sepolia").l2ChainId(),
            rollupFile.toString(),
            Networks.rollupConfig("op-sepolia").l2ChainId(),
            c -> c.rollup().l2ChainId()),
        new Variable(
            "--rpc.addr",
            "OP_NODE_RPC_ADDR",
            "0.0.0.0",
            "0.0.0.0",
            "127.0.0.2",
            "127.0.0.2",
            NodeConfig::rpcAddr),
        new Variable(
            "--rpc.port", "OP_NODE_RPC_PORT", "9000", 9000, "9001", 9001, NodeConfig::rpcPort),
        new Variable(
            "--rpc.enable-admin",
            "OP_NODE_RPC_ENABLE_ADMIN",
            "true",
            true,
            "false",
            false,
            NodeConfig::rpcEnableAdmin),
        new Variable(
            "--sequencer.enabled",
            "OP_NODE_SEQUENCER_ENABLED",
            "true",
            true,
            "false",
            false,
            c -> c.driver().sequencerEnabled()),
        new Variable(
            "--sequencer.stopped",
            "OP_NODE_SEQUENCER_STOPPED",
            "true",
            true,
            "false",
            false,
            c -> c.driver().sequencerStopped()),
        new Variable(
            "--sequencer.l1-confs",
            "OP_NODE_SEQUENCER_L1_CONFS",
            "7",
            7L,
            "1",
            1L,
            c -> c.driver().sequencerConfs()),
        new Variable(
            "--verifier.l1-confs",
            "OP_NODE_VERIFIER_L1_CONFS",
            "5",
            5L,
            "2",
            2L,
            c -> c.driver().verifierConfs()),
        new Variable(
            "--safedb.path",
            "OP_NODE_SAFEDB_PATH",
            safeDb,
            Optional.of(Path.of(safeDb)),
            "/flag/safedb",
            Optional.of(Path.of("/flag/safedb")),
            NodeConfig::safeDbPath),
        new Variable(
            "--metrics.enabled",
            "OP_NODE_METRICS_ENABLED",
            "true",
            true,
            "false",
            false,
            c -> c.metrics().isPresent()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("variables")
  void eachFlagReadsItsVariableAndTheCommandLineWins(Variable v) {
    // The required flags, less the one under test (so that the variable is what sets it).
    List<String> base = required();
    int at = base.indexOf(v.flag());
    if (at >= 0) {
      base.subList(at, at + 2).clear();
    }
    Map<String, String> env = Map.of(v.variable(), v.value());
    assertThat(v.read().apply(parse(env, base)))
        .as("from %s", v.variable())
        .isEqualTo(v.expected());

    List<String> overridden = new ArrayList<>(base);
    // Booleans take their value attached, as op-node's do (--sequencer.enabled=false).
    overridden.add(v.flag() + "=" + v.override());
    assertThat(v.read().apply(parse(env, overridden)))
        .as("%s on the command line over %s", v.flag(), v.variable())
        .isEqualTo(v.overridden());
  }

  @Test
  void theMetricsAddressAndPortAndTheNetworkHaveTheirVariablesToo() {
    Map<String, String> env =
        Map.of(
            "OP_NODE_METRICS_ENABLED", "true",
            "OP_NODE_METRICS_ADDR", "127.0.0.3",
            "OP_NODE_METRICS_PORT", "7400");
    assertThat(parse(env, required()).metrics())
        .contains(new NodeConfig.Metrics("127.0.0.3", 7400));

    List<String> withoutRollup = required();
    withoutRollup.subList(withoutRollup.indexOf("--rollup.config"), withoutRollup.size()).clear();
    NodeConfig fromNetwork = parse(Map.of("OP_NODE_NETWORK", "op-mainnet"), withoutRollup);
    assertThat(fromNetwork.rollup()).isEqualTo(Networks.rollupConfig("op-mainnet"));
  }

  @Test
  void publishTargetsAreACommaListFromTheFlagOrItsVariable() {
    assertThat(parse(Map.of(), required()).publishTo()).isEmpty();
    assertThat(
            parse(
                    Map.of("OP_NODE_SEQUENCER_PUBLISH_TO", "http://127.0.0.1:7546,http://h:7547"),
                    required())
                .publishTo())
        .containsExactly(URI.create("http://127.0.0.1:7546"), URI.create("http://h:7547"));
    assertThat(parse(Map.of(), required("--sequencer.publish-to", "http://a:1")).publishTo())
        .containsExactly(URI.create("http://a:1"));
  }

  @Test
  void everyFlagHasItsOpNodeVariable() {
    CommandLine commandLine = new CommandLine(new NodeCommand());
    Set<String> flags = new TreeSet<>();
    for (OptionSpec option : commandLine.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      flags.add(option.longestName());
      assertThat(new EnvironmentDefaults(Map.of()).variable(option))
          .as("the variable of %s", option.longestName())
          .hasValueSatisfying(name -> assertThat(name).startsWith("OP_NODE_"));
    }
    Set<String> covered =
        variables().map(Variable::flag).collect(Collectors.toCollection(TreeSet::new));
    covered.addAll(
        List.of("--metrics.addr", "--metrics.port", "--network", "--sequencer.publish-to"));
    assertThat(flags).as("flags with a variable test").isEqualTo(covered);
  }

  @Test
  void booleanVariablesAcceptWhatGoAccepts() {
    // op-node reads its variables with Go's strconv.ParseBool.
    List<Variable> booleans = variables().filter(v -> v.expected() instanceof Boolean).toList();
    assertThat(booleans).hasSize(6);
    for (Variable v : booleans) {
      for (String yes : List.of("1", "t", "T", "TRUE", "true", "True")) {
        assertThat(v.read().apply(parse(Map.of(v.variable(), yes), required())))
            .as("%s=%s", v.variable(), yes)
            .isEqualTo(true);
      }
      for (String no : List.of("0", "f", "F", "FALSE", "false", "False")) {
        assertThat(v.read().apply(parse(Map.of(v.variable(), no), required())))
            .as("%s=%s", v.variable(), no)
            .isEqualTo(false);
      }
      assertThatThrownBy(() -> parse(Map.of(v.variable(), "yes"), required()))
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageContaining(v.flag())
          .hasMessageContaining("'yes' is not a boolean");
    }
  }

  // ---- networks ------------------------------------------------------------------------------

  @Test
  void networkSelectsTheBuiltInRollupConfig() {
    List<String> base = required();
    base.subList(base.indexOf("--rollup.config"), base.size()).clear();
    List<String> mainnet = new ArrayList<>(base);
    mainnet.addAll(List.of("--network", "op-mainnet"));
    NodeConfig config = parse(Map.of(), mainnet);
    assertThat(config.rollup()).isEqualTo(Networks.rollupConfig("op-mainnet"));
    assertThat(config.rollup().l2ChainId()).isEqualTo(10);
    assertThat(config.rollup().l1ChainId()).isEqualTo(1);

    List<String> sepolia = new ArrayList<>(base);
    sepolia.addAll(List.of("--network", "sepolia")); // op-node's legacy name
    assertThat(parse(Map.of(), sepolia).rollup().l2ChainId()).isEqualTo(11155420);
  }

  // ---- refusals ------------------------------------------------------------------------------

  /** A command line {@code merapi node} refuses, with the exit code and what it says. */
  record Refusal(String why, List<String> args, int exitCode, String message) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Refusal> refusals() {
    String jwtFile = jwt.toString();
    String rollup = rollupFile.toString();
    List<String> engine = List.of("--l2", "http://127.0.0.1:8551", "--l2.jwt-secret", jwtFile);
    List<String> beacon = List.of("--l1.beacon", "http://127.0.0.1:5052");
    List<String> all = concat(engine, beacon, List.of("--rollup.config", rollup));
    return Stream.of(
        new Refusal("no flags", List.of(), 1, "node: --l2 is required"),
        new Refusal(
            "no JWT secret",
            List.of("--l2", "http://127.0.0.1:8551"),
            1,
            "node: --l2.jwt-secret is required"),
        new Refusal(
            "no beacon API",
            concat(engine, List.of("--rollup.config", rollup)),
            1,
            "node: --l1.beacon is required to read blobs (or pass --l1.beacon.ignore"),
        new Refusal(
            "no rollup config",
            concat(engine, beacon),
            1,
            "node: --rollup.config or --network is required"),
        new Refusal(
            "no rollup config, beacon ignored",
            concat(engine, List.of("--l1.beacon.ignore")),
            1,
            "node: --rollup.config or --network is required"),
        new Refusal(
            "both rollup config and network",
            concat(all, List.of("--network", "op-mainnet")),
            1,
            "node: give --rollup.config or --network, not both"),
        new Refusal(
            "unknown network",
            concat(engine, beacon, List.of("--network", "op-nowhere")),
            1,
            "node: unknown network 'op-nowhere'; known networks: op-mainnet, op-sepolia"),
        new Refusal(
            "missing rollup config file",
            concat(engine, beacon, List.of("--rollup.config", dir.resolve("none.json").toString())),
            1,
            "node: cannot read rollup config " + dir.resolve("none.json")),
        new Refusal(
            "unknown RPC kind",
            concat(all, List.of("--l1.rpckind", "bogus")),
            1,
            "node: unknown L1 RPC kind 'bogus', expected one of alchemy,"),
        new Refusal(
            "port out of range",
            concat(all, List.of("--rpc.port", "70000")),
            1,
            "node: invalid --rpc.port 70000"),
        new Refusal(
            "port not a number",
            concat(all, List.of("--rpc.port", "x")),
            2,
            "Invalid value for option '--rpc.port': 'x' is not an int"),
        new Refusal(
            "negative confirmations",
            concat(all, List.of("--sequencer.l1-confs", "-1")),
            1,
            "node: confirmation depths must not be negative"),
        new Refusal(
            "zero poll interval",
            concat(all, List.of("--l1.http-poll-interval", "0")),
            1,
            "node: the L1 poll interval must be positive"),
        new Refusal(
            "bad poll interval",
            concat(all, List.of("--l1.http-poll-interval", "often")),
            1,
            "node: --l1.http-poll-interval: invalid duration often"),
        new Refusal(
            "boolean with a bad value",
            concat(all, List.of("--sequencer.enabled=yes")),
            2,
            "'yes' is not a boolean"),
        new Refusal(
            "unknown flag", concat(all, List.of("--l1.bogus")), 2, "Unknown option: '--l1.bogus'"));
  }

  private static List<String> concat(List<String> first, List<String> second) {
    return Stream.concat(first.stream(), second.stream()).toList();
  }

  private static List<String> concat(List<String> first, List<String> second, List<String> third) {
    return concat(concat(first, second), third);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusals")
  void refusesToStartWithAClearMessage(Refusal refusal) {
    // These runs read the real environment: an OP_NODE_* variable there would change them.
    assumeTrue(System.getenv().keySet().stream().noneMatch(k -> k.startsWith("OP_NODE_")));
    Output run =
        merapi(Stream.concat(Stream.of("node"), refusal.args().stream()).toArray(String[]::new));
    assertThat(run.exitCode()).as(run.err()).isEqualTo(refusal.exitCode());
    assertThat(run.err()).contains(refusal.message());
    assertThat(run.out()).doesNotContain("Merapi rollup node");
  }
}
