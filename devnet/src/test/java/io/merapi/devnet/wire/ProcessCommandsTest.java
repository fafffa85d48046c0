package io.merapi.devnet.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hex;
import io.merapi.batcher.BatcherConfig;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.Ports;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.ChainSettings;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.chain.DevnetGenesis;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.node.NodeConfig;
import io.merapi.proposer.ProposerConfig;
import io.merapi.proposer.games.ResolverConfig;
import io.merapi.rpc.jwt.JwtSecret;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each process's flags carry the value {@link ComponentConfigs} gives the in-process component
 * (cli's DevnetCommandTest parses them with the real commands and compares whole configs).
 */
class ProcessCommandsTest {
  private static ChainFiles games;

  @TempDir Path tmp;

  @BeforeAll
  static void buildChains() {
    games = DevnetGenesis.build(ChainSettings.defaults(), 1_700_000_000L);
  }

  /** {@code --flag value} pairs and bare {@code --flag}s (as "true") after the command's name. */
  static Map<String, String> flags(ProcessCommands.Command command) {
    Map<String, String> flags = new LinkedHashMap<>();
    List<String> args = command.args();
    for (int i = 1; i < args.size(); i++) {
      String flag = args.get(i);
      assertThat(flag).as("flag %d of %s", i, command.name()).startsWith("--");
      boolean bare = i + 1 == args.size() || args.get(i + 1).startsWith("--");
      assertThat(flags.put(flag, bare ? "true" : args.get(++i))).as(flag + " twice").isNull();
    }
    return flags;
  }

  private static String http(int port) {
    return "http://127.0.0.1:" + port;
  }

  @Test
  void eachProcessGetsTheInProcessComponentsValues() {
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet"));
    try (DevnetDir dir = DevnetDir.open(config.datadir(), false)) {
      ComponentConfigs wire = new ComponentConfigs(config, games, dir);
      ProcessCommands processes = new ProcessCommands(config, games, dir);
      assertThat(processes.all())
          .extracting(ProcessCommands.Command::name)
          .containsExactly(
              "l1",
              "sequencer-engine",
              "verifier-engine",
              "verifier-node",
              "sequencer-node",
              "batcher",
              "proposer",
              "challenger");

      ExecutionNodeConfig l1 = wire.l1();
      Map<String, String> l1Flags = flags(processes.l1());
      assertThat(processes.l1().args()).startsWith("execution", "--dev");
      assertThat(l1Flags)
          .containsEntry("--datadir", l1.datadir().orElseThrow().toString())
          .containsEntry("--genesis", dir.l1GenesisFile().toString())
          .containsEntry("--http.port", "" + l1.http().orElseThrow().port())
          .containsEntry("--ws.port", "" + l1.http().orElseThrow().port())
          .containsEntry("--http.corsdomain", "*")
          .containsEntry("--ws.origins", "*")
          .containsEntry("--dev.period", "" + l1.dev().orElseThrow().periodSeconds())
          .containsEntry("--dev.safe-depth", "" + l1.dev().orElseThrow().safeDepth())
          .containsEntry("--dev.finalized-depth", "" + l1.dev().orElseThrow().finalizedDepth())
          .containsEntry(
              "--dev.beacon.port", "" + l1.dev().orElseThrow().beacon().orElseThrow().port());

      for (boolean sequencer : new boolean[] {true, false}) {
        ExecutionNodeConfig engine = wire.engine(sequencer, JwtSecret.generate());
        assertThat(flags(processes.engine(sequencer)))
            .containsEntry("--datadir", engine.datadir().orElseThrow().toString())
            .containsEntry("--genesis", dir.rollupDir().resolve("genesis.json").toString())
            .containsEntry("--http.port", "" + engine.http().orElseThrow().port())
            .containsEntry("--ws.port", "" + engine.http().orElseThrow().port())
            .containsEntry("--authrpc.port", "" + engine.authRpc().orElseThrow().port())
            .containsEntry("--authrpc.jwtsecret", engine.jwtSecret().orElseThrow().toString());

        NodeConfig node =
            wire.node(
                sequencer,
                URI.create(http(8545)),
                URI.create(http(5052)),
                URI.create(http(engine.authRpc().orElseThrow().port())),
                List.of());
        Map<String, String> nodeFlags = flags(processes.node(sequencer));
        assertThat(nodeFlags)
            .containsEntry("--l1", node.l1().toString())
            .containsEntry("--l2", node.l2().toString())
            .containsEntry("--l2.jwt-secret", node.l2JwtSecret().toString())
            .containsEntry("--rpc.port", "" + node.rpcPort())
            .containsEntry("--rpc.enable-admin", "true")
            .containsEntry("--sequencer.l1-confs", "" + node.driver().sequencerConfs())
            .containsEntry("--verifier.l1-confs", "" + node.driver().verifierConfs())
            .containsEntry(
                "--l1.http-poll-interval", node.driver().l1PollInterval().toSeconds() + "s")
            .containsEntry("--safedb.path", node.safeDbPath().orElseThrow().toString());
        assertThat(nodeFlags.containsKey("--sequencer.enabled")).isEqualTo(sequencer);
      }
      assertThat(flags(processes.node(true)))
          .containsEntry("--sequencer.publish-to", http(config.ports().verifierNode()));

      BatcherConfig batcher =
          wire.batcher(URI.create(http(8545)), URI.create(http(9545)), URI.create(http(7545)));
      assertThat(flags(processes.batcher()))
          .containsEntry("--l2-eth-rpc", batcher.l2EthRpc().toString())
          .containsEntry("--rollup-rpc", batcher.rollupRpc().toString())
          .containsEntry("--private-key", Hex.encode(batcher.key().toBytes()))
          .containsEntry("--poll-interval", batcher.pollInterval().toSeconds() + "s")
          .containsEntry("--sub-safety-margin", "" + batcher.subSafetyMargin())
          .containsEntry("--max-channel-duration", "" + batcher.maxChannelDuration())
          .containsEntry("--data-availability-type", "blobs")
          .containsEntry("--batch-type", "span")
          .containsEntry("--num-confirmations", "" + batcher.txManager().numConfirmations())
          .containsEntry(
              "--resubmission-timeout", batcher.txManager().resubmissionTimeout().toSeconds() + "s")
          .containsEntry(
              "--txmgr.receipt-query-interval",
              batcher.txManager().receiptQueryInterval().toMillis() + "ms")
          .containsEntry("--rpc.port", "" + batcher.rpcPort());

      ProposerConfig proposer =
          wire.proposer(URI.create(http(8545)), URI.create(http(7545)), URI.create(http(9545)));
      ProposerConfig.GameFactory mode = (ProposerConfig.GameFactory) proposer.mode();
      assertThat(flags(processes.proposer()))
          .containsEntry("--private-key", Hex.encode(proposer.key().toBytes()))
          .containsEntry("--game-factory-address", mode.address().toHex())
          .containsEntry("--game-type", "" + mode.gameType())
          .containsEntry("--proposal-interval", mode.proposalInterval().toSeconds() + "s")
          .containsEntry("--allow-non-finalized", "true")
          .containsEntry("--rpc.port", "" + proposer.rpc().port());

      ResolverConfig resolver = wire.resolver(URI.create(http(8545))).orElseThrow();
      assertThat(flags(processes.challenger().orElseThrow()))
          .containsEntry("--private-key", Hex.encode(resolver.key().toBytes()))
          .containsEntry("--game-factory-address", resolver.gameFactory().toHex())
          .containsEntry("--trace-type", "fast")
          .containsEntry("--http-poll-interval", resolver.pollInterval().toSeconds() + "s")
          .containsEntry("--max-pending-tx", "" + resolver.txManager().maxPendingTx());

      assertThat(processes.endpoints().l2Rpc()).isEqualTo(URI.create(http(9545)));
      assertThat(processes.endpoints().verifierNode()).contains(URI.create(http(7645)));
    }
  }

  @Test
  void withoutTheVerifierItsTwoProcessesAndThePublishingAreGone() {
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet")).withVerifier(false);
    try (DevnetDir dir = DevnetDir.open(config.datadir(), false)) {
      ProcessCommands processes = new ProcessCommands(config, games, dir);
      assertThat(processes.all())
          .extracting(ProcessCommands.Command::name)
          .doesNotContain("verifier-engine", "verifier-node");
      assertThat(flags(processes.node(true))).doesNotContainKey("--sequencer.publish-to");
      assertThat(processes.endpoints().verifierRpc()).isEmpty();
    }
  }

  @Test
  void theOutputOracleHasNoChallengerAndItsProposerPostsOutputs() {
    ChainSettings l2oo = new ChainSettings(6, 2, new ChainSettings.OutputOracle(10, 2));
    ChainFiles files = DevnetGenesis.build(l2oo, 1_700_000_000L);
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet")).withChain(l2oo);
    try (DevnetDir dir = DevnetDir.open(config.datadir(), false)) {
      ProcessCommands processes = new ProcessCommands(config, files, dir);
      assertThat(processes.challenger()).isEmpty();
      assertThat(flags(processes.proposer()))
          .containsEntry(
              "--l2oo-address", files.rollup().l1().l2OutputOracleProxy().orElseThrow().toHex())
          .doesNotContainKeys("--game-factory-address", "--proposal-interval");
    }
  }

  @Test
  void freePortsCannotBeWiredBetweenProcesses() {
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet")).withPorts(Ports.ephemeral());
    try (DevnetDir dir = DevnetDir.open(config.datadir(), false)) {
      assertThatThrownBy(() -> new ProcessCommands(config, games, dir))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("every port must be fixed");
    }
  }

  @Test
  void theExplorerReadsTheL1TheSequencersL2AndItsNodeOnAFixedPort() {
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet"));
    try (DevnetDir dir = DevnetDir.open(config.datadir(), false)) {
      ProcessCommands processes = new ProcessCommands(config, games, dir);
      ProcessCommands.Command explorer = processes.explorer(4000);
      assertThat(explorer.name()).isEqualTo("explorer");
      assertThat(explorer.args().getFirst()).isEqualTo("explorer");
      assertThat(flags(explorer))
          .containsEntry("--l1", http(8545))
          .containsEntry("--l2", http(9545))
          .containsEntry("--node", http(7545))
          .containsEntry("--l1.beacon", http(5052))
          .containsEntry("--port", "4000")
          .containsEntry("--datadir", dir.root().resolve("explorer").toString());
      assertThat(ProcessCommands.explorerUri(4000)).isEqualTo(URI.create(http(4000)));
      assertThatThrownBy(() -> processes.explorer(0))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must be fixed");
    }
  }

  @Test
  void shellLinesQuoteWhatTheShellWouldExpand() {
    ProcessCommands.Command command =
        new ProcessCommands.Command(
            "x", List.of("execution", "--http.api", "*", "--datadir", "/tmp/it's here"));
    assertThat(command.shellLine("merapi"))
        .isEqualTo("merapi execution --http.api '*' --datadir '/tmp/it'\"'\"'s here'");
  }

  @Test
  void durationsAreGoStyle() {
    assertThat(ProcessCommands.duration(java.time.Duration.ofSeconds(12))).isEqualTo("12s");
    assertThat(ProcessCommands.duration(java.time.Duration.ofMillis(500))).isEqualTo("500ms");
  }
}
