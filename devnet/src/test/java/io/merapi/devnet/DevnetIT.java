package io.merapi.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hex;
import io.merapi.devnet.load.LoadGenerator;
import io.merapi.devnet.load.LoadSettings;
import io.merapi.devnet.load.LoadSummary;
import io.merapi.devnet.load.ProcessMemory;
import io.merapi.devnet.load.ReceiptReport;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.node.RollupRig;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.proposer.games.FactoryGames;
import io.merapi.proposer.games.Games;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devnet in this JVM on free ports: it starts, its first L2 block comes, the verifier's safe
 * head (derived from the batcher's L1 data only) climbs and matches the sequencer's chain, the
 * proposer's first game is resolved; viem's OP Stack actions bridge ETH, an ERC-20 and messages
 * both ways (devnet/src/test/js/bridge.mjs all) while 200 transfers a second go to the L2 for at
 * least a minute, all of them mined and the safe head keeping up; a second devnet on the same
 * directory is refused; after a stop the same chains reopen and go on. A {@link SafeChainWatcher}
 * compares the verifier's safe chain with the sequencer's throughout.
 */
class DevnetIT {
  private static final Logger LOG = LoggerFactory.getLogger(DevnetIT.class);
  private static final Duration BRIDGE_TIMEOUT = Duration.ofMinutes(4);

  /** The load: 200 L2 transfers a second, for at least a minute. */
  private static final double LOAD_RATE = 200;

  private static final Duration MIN_LOAD = Duration.ofSeconds(60);

  /** The safe head must reach the last loaded block this soon after the load stops. */
  private static final Duration SAFE_AFTER_STOP = Duration.ofSeconds(30);

  /** The load's funder: account #9, which neither the devnet's services nor bridge.mjs use. */
  private static final int LOAD_FUNDER = 9;

  @TempDir Path tmp;

  @Test
  void theVerifiersSafeChainFollowsTheSequencersAndARestartContinuesIt() throws Exception {
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet")).withPorts(Ports.ephemeral());
    String l2Genesis;
    long safeBeforeStop;
    try (Devnet devnet = Devnet.start(config)) {
      assertThat(devnet.firstL2Block().get(30, TimeUnit.SECONDS)).isPositive();
      JsonNode info = new ObjectMapper().readTree(config.datadir().resolve("devnet.json").toFile());
      assertThat(info.at("/l1/chainId").asLong()).isEqualTo(900);
      assertThat(info.at("/l2/chainId").asLong()).isEqualTo(901);
      l2Genesis = info.at("/l2/genesisHash").asText();

      assertThatThrownBy(() -> Devnet.start(config))
          .hasMessageContaining("another devnet is running");

      try (SafeChainWatcher watcher = watch(info);
          RpcClient l2 = client(info.at("/l2/rpc").asText())) {
        assertThat(l2.call("eth_chainId").asText()).isEqualTo("0x385");
        awaitSafe(watcher, 3, "the verifier's safe head passes block 3");
        LOG.info("At rest: {}", ProcessMemory.thisJvmAfterGc());
        // Every bridge flow with viem, unchanged, while 200 transfers a second go to the L2 and
        // the watcher keeps checking the verifier.
        try (LoadGenerator load =
            LoadGenerator.start(
                LoadSettings.of(
                    URI.create(info.at("/l2/rpc").asText()),
                    DevAccounts.defaults().keys().get(LOAD_FUNDER),
                    LOAD_RATE))) {
          long loadStart = System.nanoTime();
          ViemScript.Result bridged =
              ViemScript.inDevnetModule()
                  .run(config.datadir().resolve("devnet.json"), "all", BRIDGE_TIMEOUT);
          watcher.verify();
          assertBridged(bridged);
          long loadLeft = MIN_LOAD.toNanos() - (System.nanoTime() - loadStart);
          if (loadLeft > 0) {
            Thread.sleep(Duration.ofNanos(loadLeft));
          }
          LOG.info("Under load: {}", ProcessMemory.thisJvmAfterGc());
          assertKeptUp(load, watcher, l2);
        }
        // The watcher can fail a test: the L1's blocks are not the verifier's safe L2 blocks.
        SafeChainWatcher wrong =
            SafeChainWatcher.start(
                URI.create(info.at("/l2/verifierNode").asText()),
                URI.create(info.at("/l1/rpc").asText()));
        RollupRig.awaitTrue(
            () -> {
              try {
                wrong.verify();
                return false;
              } catch (AssertionError expected) {
                return true;
              }
            },
            "a watcher comparing with the L1 finds a mismatch");
        assertThatThrownBy(wrong::close)
            .isInstanceOf(AssertionError.class)
            .hasMessageContaining("the sequencer's block at that number is");
        try (RpcClient l1 = client(info.at("/l1/rpc").asText())) {
          Games games =
              new FactoryGames(
                  ContractReader.rpc(l1),
                  Address.fromHex(info.at("/l1Contracts/DisputeGameFactory").asText()),
                  () -> Hex.parseQuantity(l1.call("eth_blockNumber").asText()));
          RollupRig.awaitTrue(
              () -> {
                watcher.verify();
                return games.count() > 0
                    && games.status(games.at(0).proxy()) == Games.DEFENDER_WINS;
              },
              "the proposer's first game is resolved (DEFENDER_WINS)");
        }
        safeBeforeStop = watcher.highestChecked();
      }
    }

    try (Devnet devnet = Devnet.start(config)) {
      assertThat(devnet.info().chain().l2GenesisHash().toHex()).isEqualTo(l2Genesis);
      JsonNode info = new ObjectMapper().readTree(config.datadir().resolve("devnet.json").toFile());
      try (SafeChainWatcher watcher = watch(info)) {
        long target = safeBeforeStop + 2;
        awaitSafe(
            watcher,
            target,
            "the verifier's safe head passes block " + target + " after the restart");
      }
    }
  }

  /**
   * What bridge.mjs checked itself (each deposit in the first L2 block of its L1 origin, on the
   * verifier too; each withdrawal proven, finalized and its funds or call on L1) is in its result.
   */
  private static void assertBridged(ViemScript.Result result) {
    assertThat(result.flowNames())
        .containsExactlyInAnyOrder("ethPortal", "ethBridge", "erc20", "message");
    for (String name : result.flowNames()) {
      JsonNode deposit = result.flow(name).path("deposit");
      assertThat(deposit.path("l2Block").asLong()).as(name).isPositive();
      assertThat(deposit.path("verifierBlock").asLong())
          .as(name)
          .isEqualTo(deposit.path("l2Block").asLong());
    }
    for (String name : List.of("ethPortal", "erc20", "message")) {
      JsonNode withdrawal = result.flow(name).path("withdrawal");
      List<String> statuses = new ArrayList<>();
      withdrawal.path("statuses").forEach(status -> statuses.add(status.asText()));
      assertThat(statuses)
          .as(name)
          .endsWith("ready-to-prove", "waiting-to-finalize", "ready-to-finalize", "finalized");
      assertThat(withdrawal.path("gameL2Block").asLong())
          .as(name)
          .isGreaterThanOrEqualTo(withdrawal.path("l2Block").asLong());
      assertThat(withdrawal.path("finalizeBlock").asLong())
          .as(name)
          .isGreaterThan(withdrawal.path("proveBlock").asLong());
    }
    JsonNode eth = result.flow("ethPortal").path("withdrawal");
    assertThat(new BigInteger(eth.path("l1Fee").asText())).isPositive();
    assertThat(new BigInteger(eth.path("l1BaseFee").asText())).isPositive();
  }

  /**
   * The load's promise: nothing refused, every accepted transfer mined, and the verifier's safe
   * head, derived from the batcher's L1 data only, at the last loaded block within 30 s of the
   * stop.
   */
  private static void assertKeptUp(LoadGenerator load, SafeChainWatcher watcher, RpcClient l2)
      throws InterruptedException {
    long head = Hex.parseQuantity(l2.call("eth_blockNumber").asText());
    LoadSummary summary = load.stop();
    long stopped = System.nanoTime();
    LOG.info(
        "Load: {}; the verifier's safe head {} blocks behind the sequencer at the stop",
        summary,
        head - watcher.highestChecked());
    assertThat(summary.rejected()).as("refusals by reason").isEmpty();
    assertThat(summary.accepted()).isEqualTo(summary.sent());
    assertThat(summary.achievedRate()).isGreaterThan(LOAD_RATE * 0.9);
    ReceiptReport receipts = load.awaitReceipts(Duration.ofSeconds(60));
    LOG.info("Receipts: {}", receipts);
    assertThat(receipts.missing()).as("transfers without a receipt").isEmpty();
    assertThat(receipts.failed()).isZero();
    Duration left = SAFE_AFTER_STOP.minusNanos(System.nanoTime() - stopped);
    assertThat(left).as("time left of the 30 s after the stop").isPositive();
    RollupRig.awaitTrue(
        () -> {
          watcher.verify();
          return watcher.highestChecked() >= receipts.lastBlock();
        },
        "the verifier's safe head reaches the last loaded block " + receipts.lastBlock(),
        left);
    LOG.info(
        "The verifier's safe head reached block {} {} ms after the load stopped",
        receipts.lastBlock(),
        Duration.ofNanos(System.nanoTime() - stopped).toMillis());
  }

  private static RpcClient client(String url) {
    return HttpRpcClient.create(URI.create(url), RpcClientOptions.defaults());
  }

  private static SafeChainWatcher watch(JsonNode info) {
    return SafeChainWatcher.start(
        URI.create(info.at("/l2/verifierNode").asText()), URI.create(info.at("/l2/rpc").asText()));
  }

  /**
   * Waits until the watcher has found the verifier's safe head at or past {@code number} on the
   * sequencer's chain, failing at once on a mismatch.
   */
  private static void awaitSafe(SafeChainWatcher watcher, long number, String what) {
    RollupRig.awaitTrue(
        () -> {
          watcher.verify();
          return watcher.highestChecked() >= number;
        },
        what);
  }
}
