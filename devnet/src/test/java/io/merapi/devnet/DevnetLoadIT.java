package io.merapi.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.deployer.tx.RpcTransactor;
import io.merapi.devnet.info.DevnetInfo;
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
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
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
 * throughout. Meanwhile an ETH deposit through the portal must arrive on L2 and a withdrawal is
 * initiated on L2 (its block must become safe too). Logs the rate reached, the safe head's lag
 * behind the sequencer and the memory.
 */
class DevnetLoadIT {
  private static final Logger LOG = LoggerFactory.getLogger(DevnetLoadIT.class);
  private static final double RATE = 200;
  private static final Duration LOAD = Duration.ofSeconds(60);

  /** The safe head must reach the last loaded block this soon after the load stops. */
  private static final Duration SAFE_AFTER_STOP = Duration.ofSeconds(30);

  /** The funder: account #9, which neither the devnet's services nor the other tests send from. */
  private static final int FUNDER = 9;

  /** The bridge user during the load: account #8. */
  private static final int BRIDGE_USER = 8;

  private static final UInt256 ETHER = UInt256.valueOf(BigInteger.TEN.pow(18));

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
          CompletableFuture<Long> bridge =
              CompletableFuture.supplyAsync(
                  () ->
                      depositAndWithdraw(
                          endpoints, devnet.info().l1Contracts().get("OptimismPortal")));
          while (System.nanoTime() < end) {
            Thread.sleep(1_000);
            watcher.verify();
            long head = Hex.parseQuantity(l2.call("eth_blockNumber").asText());
            lastLag = head - watcher.highestChecked();
            maxLag = Math.max(maxLag, lastLag);
          }
          long withdrawalBlock = bridge.get(30, TimeUnit.SECONDS);
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

          long lastLoadBlock = Math.max(receipts.lastBlock(), withdrawalBlock);
          Duration left = SAFE_AFTER_STOP.minusNanos(System.nanoTime() - stopped);
          assertThat(left).as("time left of the 30 s after the stop").isPositive();
          RollupRig.awaitTrue(
              () -> {
                watcher.verify();
                return watcher.highestChecked() >= lastLoadBlock;
              },
              "the verifier's safe head reaches the last loaded block and the withdrawal's, "
                  + lastLoadBlock,
              left);
          LOG.info(
              "The verifier's safe head reached block {} {} ms after the load stopped",
              lastLoadBlock,
              Duration.ofNanos(System.nanoTime() - stopped).toMillis());
        }
      }
    }
  }

  /**
   * During the load: deposits 1 ETH through the portal on L1 to a new address and waits until it is
   * there on L2, then initiates a 0.1 ETH withdrawal on L2; returns the withdrawal's L2 block.
   */
  private static long depositAndWithdraw(Endpoints endpoints, Address portal) {
    Secp256k1.PrivateKey user = DevAccounts.defaults().keys().get(BRIDGE_USER);
    Address recipient =
        Secp256k1.PrivateKey.fromBytes(Keccak256.hash("devnet load deposit".getBytes())).address();
    try (RpcClient l1 = HttpRpcClient.create(endpoints.l1Rpc(), RpcClientOptions.defaults());
        RpcClient l2 = HttpRpcClient.create(endpoints.l2Rpc(), RpcClientOptions.defaults())) {
      long sent = System.nanoTime();
      new RpcTransactor(l1, user, Duration.ofSeconds(60))
          .send(
              "an ETH deposit during the load",
              portal,
              OptimismPortal2.depositTransaction(recipient, ETHER, 100_000, false, Bytes.EMPTY),
              ETHER);
      RollupRig.awaitTrue(
          () ->
              UInt256.fromQuantity(l2.call("eth_getBalance", recipient.toHex(), "latest").asText())
                  .equals(ETHER),
          "the deposit arrives on L2 during the load",
          Duration.ofSeconds(45));
      LOG.info(
          "The deposit arrived on L2 {} ms after it was sent on L1",
          Duration.ofNanos(System.nanoTime() - sent).toMillis());
      RpcTransactor l2User = new RpcTransactor(l2, user, Duration.ofSeconds(30));
      l2User.send(
          "a withdrawal during the load",
          DevnetInfo.l2Contracts().get("L2ToL1MessagePasser"),
          L2ToL1MessagePasser.initiateWithdrawal(
              user.address(), UInt256.valueOf(100_000), Bytes.EMPTY),
          ETHER.divide(UInt256.valueOf(10)));
      long block = l2User.lastReceipt().orElseThrow().blockNumber();
      LOG.info("Withdrawal initiated in L2 block {}", block);
      return block;
    }
  }
}
