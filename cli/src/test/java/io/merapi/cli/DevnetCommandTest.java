package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.batcher.DataAvailability;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.MetricsPorts;
import io.merapi.devnet.Ports;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.ChainSettings;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.chain.DevnetGenesis;
import io.merapi.devnet.wire.ComponentConfigs;
import io.merapi.devnet.wire.ProcessCommands;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code merapi devnet}'s flags and the devnet config they make (the devnet is not started). */
class DevnetCommandTest {
  static DevnetConfig parse(String... args) {
    DevnetCommand command = new DevnetCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void noFlagsAreTheDevnetsDefaultsInTheHomeDirectory() {
    assertThat(parse()).isEqualTo(DevnetConfig.defaults(DevnetConfig.defaultDatadir()));
  }

  @Test
  void everyChoiceHasItsFlag() {
    DevnetConfig config =
        parse(
            "--datadir",
            "/tmp/d",
            "--fresh",
            "--verifier=false",
            "--proofs",
            "l2oo",
            "--l2oo.submission-interval",
            "4",
            "--finalization-period",
            "3s",
            "--batcher.da",
            "calldata",
            "--l1.block-time",
            "2",
            "--l2.block-time",
            "1",
            "--proposal-interval",
            "10s",
            "--l1.port",
            "0",
            "--proposer.rpc.port",
            "1234");
    assertThat(config.datadir()).isEqualTo(Path.of("/tmp/d"));
    assertThat(config.fresh()).isTrue();
    assertThat(config.verifier()).isFalse();
    assertThat(config.chain())
        .isEqualTo(new ChainSettings(2, 1, new ChainSettings.OutputOracle(4, 3)));
    assertThat(config.dataAvailability()).isEqualTo(DataAvailability.CALLDATA);
    assertThat(config.proposalInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.ports().l1()).isZero();
    assertThat(config.ports().proposer()).isEqualTo(1234);
    assertThat(config.ports().l2()).isEqualTo(Ports.defaults().l2());
  }

  @Test
  void disputeGameDelaysAreSeconds() {
    assertThat(parse("--proof-maturity-delay", "1m", "--dispute-game-finality-delay", "0s").chain())
        .isEqualTo(new ChainSettings(6, 2, new ChainSettings.DisputeGames(60, 0)));
  }

  @Test
  void anUnknownProofSystemIsOneLine() {
    assertThatThrownBy(() -> parse("--proofs", "zk"))
        .isInstanceOf(CommandFailure.class)
        .hasMessage("unknown --proofs zk: expected dispute-games or l2oo");
    assertThatThrownBy(() -> parse("--batcher.da", "ipfs"))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("expected calldata, blobs or auto");
  }

  @Test
  void metricsAreOffUntilAskedForThenOnTheirOwnPorts() {
    assertThat(parse().metrics()).isEmpty();
    assertThat(parse("--metrics").metrics()).contains(MetricsPorts.defaults());
    assertThat(parse("--metrics", "--metrics.verifier.node.port", "9999").metrics().orElseThrow())
        .isEqualTo(new MetricsPorts(6060, 6061, 6062, 7300, 9999, 7301, 7302));
  }

  /** {@code command} with the process's arguments parsed, as {@code merapi <args>} would. */
  private static <T extends Callable<Integer>> T parsed(T command, ProcessCommands.Command args) {
    new CommandLine(command)
        .parseArgs(args.args().subList(1, args.args().size()).toArray(String[]::new));
    return command;
  }

  private static URI http(int port) {
    return URI.create("http://127.0.0.1:" + port);
  }

  @Test
  void theProcessesFlagsMakeTheInProcessComponentsConfigs(@TempDir Path tmp) {
    DevnetConfig config = parse("--datadir", tmp.resolve("devnet").toString(), "--metrics");
    try (DevnetDir dir = DevnetDir.open(config.datadir(), false)) {
      dir.write(DevnetGenesis.build(config.chain(), 1_700_000_000L));
      ChainFiles files = dir.read().orElseThrow();
      ComponentConfigs wire = new ComponentConfigs(config, files, dir);
      ProcessCommands processes = new ProcessCommands(config, files, dir);
      Ports ports = config.ports();
      URI l1 = http(ports.l1());

      assertThat(parsed(new BatcherCommand(), processes.batcher()).config())
          .usingRecursiveComparison()
          .isEqualTo(wire.batcher(l1, http(ports.l2()), http(ports.node())));
      assertThat(parsed(new ProposerCommand(), processes.proposer()).config())
          .usingRecursiveComparison()
          .isEqualTo(wire.proposer(l1, http(ports.node()), http(ports.l2())));
      assertThat(parsed(new ChallengerCommand(), processes.challenger().orElseThrow()).config())
          .usingRecursiveComparison()
          .isEqualTo(wire.resolver(l1).orElseThrow());
      for (boolean sequencer : new boolean[] {true, false}) {
        String role = sequencer ? "sequencer" : "verifier";
        assertThat(parsed(new NodeCommand(), processes.node(sequencer)).config().withName(role))
            .usingRecursiveComparison()
            .isEqualTo(
                wire.node(
                    sequencer,
                    l1,
                    http(ports.l1Beacon()),
                    http(sequencer ? ports.l2AuthRpc() : ports.verifierL2AuthRpc()),
                    sequencer ? List.of(http(ports.verifierNode())) : List.of()));
        assertSameEngine(
            parsed(new ExecutionCommand(), processes.engine(sequencer)).config(),
            wire.engine(sequencer, JwtSecret.generate()));
      }
      ExecutionNodeConfig processL1 = parsed(new ExecutionCommand(), processes.l1()).config();
      assertSameEngine(processL1, wire.l1());
      // The in-process L1 has no Engine API; the process's is on a free port nobody calls.
      assertThat(processL1.authRpc().orElseThrow().port()).isZero();
    }
  }

  /**
   * The process serves what the in-process engine serves: HTTP and WebSocket on one port (two flags
   * naming the same port, which the node then serves as one), the Engine API on the same port with
   * the same secret file, the same chain, dev settings and limits. The RocksDB sizes differ: the
   * command has no flags for them (a process has its JVM to itself).
   */
  private static void assertSameEngine(ExecutionNodeConfig process, ExecutionNodeConfig inProcess) {
    assertThat(process)
        .usingRecursiveComparison()
        .ignoringFields("genesis", "http", "ws", "authRpc", "storage", "name")
        .isEqualTo(inProcess);
    // Both read from the same file; equals rather than field by field (thousands of accounts).
    assertThat(process.genesis()).isEqualTo(inProcess.genesis());
    RpcServerConfig served = inProcess.http().orElseThrow();
    RpcServerConfig http = process.http().orElseThrow();
    RpcServerConfig ws = process.ws().orElseThrow();
    assertThat(List.of(http.host(), ws.host())).containsOnly(served.host());
    assertThat(List.of(http.port(), ws.port())).containsOnly(served.port());
    assertThat(List.of(http.modules(), ws.modules())).containsOnly(served.modules());
    assertThat(http.corsDomains()).isEqualTo(served.corsDomains());
    assertThat(http.virtualHosts()).isEqualTo(served.virtualHosts());
    assertThat(ws.webSocketOrigins()).isEqualTo(served.webSocketOrigins());
    inProcess
        .authRpc()
        .ifPresent(
            auth ->
                assertThat(process.authRpc().orElseThrow())
                    .usingRecursiveComparison()
                    .ignoringFields("jwtSecret")
                    .isEqualTo(auth));
  }

  @Test
  void initWritesTheChainsOnceAndPrintsOneShellLinePerProcess(@TempDir Path tmp) {
    Path datadir = tmp.resolve("devnet");
    MerapiRun.Output first = MerapiRun.merapi("devnet", "init", "--datadir", datadir.toString());
    assertThat(first.exitCode()).as(first.err()).isZero();
    List<String> lines = first.out().lines().toList();
    assertThat(lines).hasSize(9).allMatch(line -> line.startsWith(DevnetInitCommand.PROGRAM + " "));
    assertThat(lines.get(0))
        .startsWith("merapi execution --dev --datadir " + datadir.resolve("l1"));
    assertThat(lines).anyMatch(line -> line.startsWith("merapi challenger "));
    assertThat(lines.get(0)).contains("--http.api '*'");
    assertThat(datadir.resolve("jwtsecret")).isNotEmptyFile();
    assertThat(datadir.resolve("devnet.json")).content().contains("\"http://127.0.0.1:9545\"");
    // The ninth: the block explorer over the L1, the sequencer's L2 and its node, named in
    // devnet.json.
    assertThat(lines.get(8))
        .isEqualTo(
            "merapi explorer --l1 http://127.0.0.1:8545 --l2 http://127.0.0.1:9545 --node"
                + " http://127.0.0.1:7545 --l1.beacon http://127.0.0.1:5052 --addr 127.0.0.1 --port"
                + " 4000 --datadir "
                + datadir.toAbsolutePath().normalize().resolve("explorer"));
    assertThat(datadir.resolve("devnet.json"))
        .content()
        .contains("\"explorer\" : \"http://127.0.0.1:4000\"");

    // The chains are read back (the same lines), the lock was released, flags still apply.
    MerapiRun.Output again =
        MerapiRun.merapi(
            "devnet",
            "init",
            "--datadir",
            datadir.toString(),
            "--verifier=false",
            "--explorer=false");
    assertThat(again.exitCode()).as(again.err()).isZero();
    assertThat(again.out().lines())
        .hasSize(6)
        .isSubsetOf(
            lines.stream().map(l -> l.replaceAll(" --sequencer.publish-to \\S+", "")).toList());
  }

  @Test
  void initRefusesOtherChainSettingsAndFreePorts(@TempDir Path tmp) throws Exception {
    Path datadir = tmp.resolve("devnet");
    assertThat(MerapiRun.merapi("devnet", "init", "--datadir", datadir.toString()).exitCode())
        .isZero();
    String settings = Files.readString(datadir.resolve("chain-settings.json"));

    MerapiRun.Output other =
        MerapiRun.merapi("devnet", "init", "--datadir", datadir.toString(), "--proofs", "l2oo");
    assertThat(other.exitCode()).isNotZero();
    assertThat(other.err()).contains("--fresh").doesNotContain("Exception");
    MerapiRun.Output free =
        MerapiRun.merapi("devnet", "init", "--datadir", datadir.toString(), "--l2.port", "0");
    assertThat(free.exitCode()).isNotZero();
    assertThat(free.err()).contains("every port must be fixed");
    MerapiRun.Output freeExplorer =
        MerapiRun.merapi("devnet", "init", "--datadir", datadir.toString(), "--explorer.port", "0");
    assertThat(freeExplorer.exitCode()).isNotZero();
    assertThat(freeExplorer.err()).contains("the explorer's must be fixed");
    assertThat(Files.readString(datadir.resolve("chain-settings.json"))).isEqualTo(settings);
  }
}
