package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.SafeChainWatcher;
import io.merapi.devnet.ViemScript;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.wire.ProcessCommands;
import io.merapi.node.RollupRig;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.proposer.games.FactoryGames;
import io.merapi.proposer.games.Games;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15's separate-process scenario: {@code merapi devnet init} prepares a data directory on
 * free ports and prints the devnet's processes; each runs as its own JVM ({@code merapi execution
 * --dev} for L1, two {@code merapi execution} engines, two {@code merapi node}s, {@code merapi
 * batcher}, {@code merapi proposer}, {@code merapi challenger --trace-type fast}, {@code merapi
 * explorer}). The verifier's safe chain must equal the sequencer's throughout, batches must land
 * (the safe head advances) and the proposer's first game must be resolved for the defender, and
 * viem's ETH deposit and withdrawal (devnet/src/test/js/bridge.mjs eth) must go through; then
 * SIGTERM stops each process cleanly. The processes' logs stay in {@code
 * target/DevnetProcessesIT/}.
 */
class DevnetProcessesIT {
  /** Generous for nine JVMs on two shared cores. */
  private static final Duration TIMEOUT = Duration.ofSeconds(90);

  /** viem's deposit and withdrawal, about a minute with the devnet's delays. */
  private static final Duration BRIDGE_TIMEOUT = Duration.ofMinutes(4);

  private static final List<String> PORT_FLAGS =
      List.of(
          "--l1.port",
          "--l1.beacon.port",
          "--l2.port",
          "--l2.authrpc.port",
          "--node.port",
          "--verifier.l2.port",
          "--verifier.l2.authrpc.port",
          "--verifier.node.port",
          "--batcher.rpc.port",
          "--proposer.rpc.port",
          "--explorer.port");

  /**
   * Every port flag of {@code merapi devnet}, each with a loopback port that is free now (fixed
   * rather than 0: separate processes, and a restarted devnet, must know them in advance).
   */
  static List<String> freePortFlags() {
    List<String> flags = new ArrayList<>();
    for (String flag : PORT_FLAGS) {
      flags.addAll(List.of(flag, Integer.toString(MerapiProcess.freePort())));
    }
    return flags;
  }

  @TempDir Path tmp;

  private final Path logs = Path.of("target", "DevnetProcessesIT");
  private final List<MerapiProcess> processes = new ArrayList<>();

  @AfterEach
  void stopWhatIsLeft() {
    processes.reversed().forEach(MerapiProcess::close);
  }

  @Test
  void theDevnetRunsAsSeparateProcesses() throws Exception {
    Files.createDirectories(logs);
    try (var old = Files.list(logs)) {
      for (Path file : old.toList()) {
        Files.delete(file); // an earlier run's logs
      }
    }
    Path datadir = tmp.resolve("devnet");
    List<String> flags = new ArrayList<>(List.of("--datadir", datadir.toString()));
    flags.addAll(freePortFlags());
    List<String> init = new ArrayList<>(List.of("devnet", "init"));
    init.addAll(flags);
    MerapiRun.Output printed = MerapiRun.merapi(init.toArray(String[]::new));
    assertThat(printed.exitCode()).as(printed.err()).isZero();

    // What init printed is exactly ProcessCommands of these flags, in the devnet's start order,
    // and the explorer last.
    DevnetConfig config = DevnetCommandTest.parse(flags.toArray(String[]::new));
    int explorerPort = Integer.parseInt(flags.get(flags.indexOf("--explorer.port") + 1));
    List<ProcessCommands.Command> commands;
    try (DevnetDir dir = DevnetDir.open(datadir, false)) {
      ProcessCommands processes = new ProcessCommands(config, dir.read().orElseThrow(), dir);
      commands = new ArrayList<>(processes.all());
      commands.add(processes.explorer(explorerPort));
    }
    assertThat(printed.out().lines().toList())
        .isEqualTo(commands.stream().map(c -> c.shellLine(DevnetInitCommand.PROGRAM)).toList());

    JsonNode info = new ObjectMapper().readTree(datadir.resolve("devnet.json").toFile());
    for (ProcessCommands.Command command : commands) {
      MerapiProcess process = new MerapiProcess(command.name(), logs, command.args());
      processes.add(process);
      process.start();
      // Each after the one before is up, as the devnet starts them: nodes need their engines.
      awaitBanner(process);
    }

    try (RpcClient l1 = client(info.at("/l1/rpc").asText());
        RpcClient l2 = client(info.at("/l2/rpc").asText());
        SafeChainWatcher watcher =
            SafeChainWatcher.start(
                URI.create(info.at("/l2/verifierNode").asText()),
                URI.create(info.at("/l2/rpc").asText()))) {
      assertThat(l1.call("eth_chainId").asText()).isEqualTo("0x384");
      assertThat(l2.call("eth_chainId").asText()).isEqualTo("0x385");
      await(watcher, () -> watcher.highestChecked() >= 3, "batches land: verifier safe head >= 3");

      Games games =
          new FactoryGames(
              ContractReader.rpc(l1),
              Address.fromHex(info.at("/l1Contracts/DisputeGameFactory").asText()),
              () -> Hex.parseQuantity(l1.call("eth_blockNumber").asText()));
      await(
          watcher,
          () -> games.count() > 0 && games.status(games.at(0).proxy()) == Games.DEFENDER_WINS,
          "the proposer's first game is resolved by the challenger (DEFENDER_WINS)");
      long safe = watcher.highestChecked();
      await(watcher, () -> watcher.highestChecked() > safe, "the safe head keeps advancing");
      // The same bridging as in one JVM: viem deposits ETH and withdraws it through proof and
      // finalization, every step served by a separate process.
      ViemScript.Result bridged =
          ViemScript.inDevnetModule().run(datadir.resolve("devnet.json"), "eth", BRIDGE_TIMEOUT);
      watcher.verify();
      assertThat(bridged.flow("ethPortal").at("/withdrawal/finalizeBlock").asLong())
          .isGreaterThan(bridged.flow("ethPortal").at("/withdrawal/proveBlock").asLong());
      assertThat(bridged.flow("ethPortal").at("/deposit/verifierBlock").asLong())
          .isEqualTo(bridged.flow("ethPortal").at("/deposit/l2Block").asLong());
      // The ninth process: the block explorer answers where devnet.json says.
      ExplorerPage.assertHomeAnswers(URI.create(info.at("/explorer").asText()));
    }

    for (MerapiProcess process : processes.reversed()) {
      OptionalInt exit = process.terminate(Duration.ofSeconds(20));
      assertThat(exit).as("%s stops within 20 s of SIGTERM", process.name()).isPresent();
      // 143 (128 + SIGTERM) is the JVM's own status once its shutdown hooks have run.
      assertThat(exit.getAsInt())
          .as("%s exit code; log:%n%s", process.name(), process.logTail(20))
          .isIn(0, 143);
      assertThat(process.log())
          .as("%s stopped without errors", process.name())
          .doesNotContain(" ERROR ");
    }
  }

  /** Waits until {@code process} printed its banner (it serves), failing at once if it died. */
  private static void awaitBanner(MerapiProcess process) {
    RollupRig.awaitTrue(
        () -> {
          if (!process.alive()) {
            throw new AssertionError(
                process.name() + " exited at start:\n" + process.logTail(30), null);
          }
          return !process.output().isBlank();
        },
        process.name() + " starts",
        TIMEOUT);
  }

  private static void await(
      SafeChainWatcher watcher, java.util.function.BooleanSupplier condition, String what) {
    RollupRig.awaitTrue(
        () -> {
          watcher.verify();
          return condition.getAsBoolean();
        },
        what,
        TIMEOUT);
  }

  private static RpcClient client(String url) {
    return HttpRpcClient.create(URI.create(url), RpcClientOptions.defaults());
  }
}
