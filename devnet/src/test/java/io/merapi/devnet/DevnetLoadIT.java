package io.merapi.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hex;
import io.merapi.devnet.info.Endpoints;
import io.merapi.devnet.load.LoadGenerator;
import io.merapi.devnet.load.LoadSettings;
import io.merapi.devnet.load.LoadSummary;
import io.merapi.devnet.load.ProcessMemory;
import io.merapi.devnet.load.ReceiptReport;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.node.RollupRig;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 15's load: 200 L2 transfers a second from eight senders for a minute against the devnet in
 * this JVM (verifier on). Nothing is refused, every accepted transfer gets a receipt, and the
 * verifier's safe head, derived from the batcher's L1 data only, reaches the last loaded block
 * within 30 s of the stop while a {@link SafeChainWatcher} checks it against the sequencer's chain
 * throughout. Logs the rate reached, the safe head's lag behind the sequencer and the memory.
 */
class DevnetLoadIT {
  private static final Logger LOG = LoggerFactory.getLogger(DevnetLoadIT.class);
  private static final double RATE = 200;
  private static final Duration LOAD = Duration.ofSeconds(60);

  /** The safe head must reach the last loaded block this soon after the load stops. */
  private static final Duration SAFE_AFTER_STOP = Duration.ofSeconds(30);

  /** The funder: account #9, which neither the devnet's services nor the other tests send from. */
  private static final int FUNDER = 9;

  @TempDir Path tmp;

  @Test
  void twoHundredTransfersASecondForAMinuteAreMinedAndTheSafeHeadKeepsUp() throws Exception {
    DevnetConfig config = DevnetConfig.defaults(tmp.resolve("devnet")).withPorts(Ports.ephemeral());
    try (Devnet devnet = Devnet.start(config)) {
      devnet.firstL2Block().get(30, TimeUnit.SECONDS);
      Endpoints endpoints = devnet.info().endpoints();
      try (SafeChainWatcher watcher =
              SafeChainWatcher.start(endpoints.verifierNode().orElseThrow(), endpoints.l2Rpc());
          RpcClient l2 = HttpRpcClient.create(endpoints.l2Rpc(), RpcClientOptions.defaults())) {
        RollupRig.awaitTrue(
            () -> {
              watcher.verify();
              return watcher.highestChecked() >= 1;
            },
            "the verifier's safe head passes block 1");
        LOG.info("At rest: {}", ProcessMemory.thisJvmAfterGc());

        LoadSummary summary;
        long maxLag = 0;
        long lastLag = 0;
        try (LoadGenerator load =
            LoadGenerator.start(
                LoadSettings.of(
                    endpoints.l2Rpc(), DevAccounts.defaults().keys().get(FUNDER), RATE))) {
          long end = System.nanoTime() + LOAD.toNanos();
          while (System.nanoTime() < end) {
            Thread.sleep(1_000);
            watcher.verify();
            long head = Hex.parseQuantity(l2.call("eth_blockNumber").asText());
            lastLag = head - watcher.highestChecked();
            maxLag = Math.max(maxLag, lastLag);
          }
          LOG.info("Under load: {}", ProcessMemory.thisJvmAfterGc());
          summary = load.stop();
          long stopped = System.nanoTime();
          LOG.info(
              "Load: {}; safe head lag behind the sequencer during the load: max {} blocks, {} at"
                  + " the end",
              summary,
              maxLag,
              lastLag);
          assertThat(summary.rejected()).as("refusals by reason").isEmpty();
          assertThat(summary.accepted()).isEqualTo(summary.sent());
          assertThat(summary.achievedRate()).isGreaterThan(RATE * 0.9);

          ReceiptReport receipts = load.awaitReceipts(Duration.ofSeconds(60));
          LOG.info("Receipts: {}", receipts);
          assertThat(receipts.missing()).as("transfers without a receipt").isEmpty();
          assertThat(receipts.failed()).isZero();

          long lastLoadBlock = receipts.lastBlock();
          Duration left = SAFE_AFTER_STOP.minusNanos(System.nanoTime() - stopped);
          assertThat(left).as("time left of the 30 s after the stop").isPositive();
          RollupRig.awaitTrue(
              () -> {
                watcher.verify();
                return watcher.highestChecked() >= lastLoadBlock;
              },
              "the verifier's safe head reaches the last loaded block " + lastLoadBlock,
              left);
          LOG.info(
              "The verifier's safe head reached block {} {} ms after the load stopped",
              lastLoadBlock,
              Duration.ofNanos(System.nanoTime() - stopped).toMillis());
        }
      }
    }
  }
}
