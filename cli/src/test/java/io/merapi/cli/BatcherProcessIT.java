package io.merapi.cli;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.batcher.BatcherRig;
import io.merapi.node.RollupRig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code merapi batcher} as an operating-system process, killed with SIGKILL at seeded random
 * moments while the loopback rollup (dev L1 with beacon API, sequencer and verifier, in this JVM)
 * runs, and started again (issue 14: "killed at any moment, it resumes from the rollup node's safe
 * head"). Two batcher processes take turns — calldata and blobs — so a kill may leave a channel
 * half posted in either. After every kill the verifier's safe head reaches what the sequencer had
 * built at the kill; no safe head moves back, no unsafe block is ever replaced (no batch lost long
 * enough for the sequencing window to expire), and the two chains are the same block for block.
 * Last, SIGTERM stops the batcher cleanly.
 *
 * <p>{@code -Dmerapi.batcher.kills} and {@code -Dmerapi.batcher.seed} change the number of kills
 * (default 20) and the seed. The batchers' logs stay in {@code target/BatcherProcessIT/}.
 */
class BatcherProcessIT {
  private static final int KILLS = Integer.getInteger("merapi.batcher.kills", 20);
  private static final long SEED = Long.getLong("merapi.batcher.seed", 20260014L);

  @TempDir Path dir;

  @Test
  void theBatcherKilledAtRandomMomentsResumesFromTheSafeHead() throws Exception {
    Path logs = Path.of("target", "BatcherProcessIT");
    Files.createDirectories(logs);
    try (var old = Files.list(logs)) {
      for (Path file : old.toList()) {
        Files.delete(file);
      }
    }
    Random random = new Random(SEED);
    List<MerapiProcess> batchers = new ArrayList<>();
    try (BatcherRig rollup = new BatcherRig(dir, RollupRig.Options.defaults().withSeqWindow(60))) {
      for (String da : List.of("calldata", "blobs")) {
        batchers.add(
            new MerapiProcess(
                "batcher-" + da,
                logs,
                List.of(
                    "batcher",
                    "--l1-eth-rpc",
                    rollup.rig.l1Uri().toString(),
                    "--l2-eth-rpc",
                    rollup.sequencer.engineHttpUri().toString(),
                    "--rollup-rpc",
                    rollup.sequencer.rollupRpcUri().toString(),
                    "--private-key",
                    BatcherRig.batcherKeyHex(),
                    "--data-availability-type",
                    da,
                    "--batch-type",
                    da.equals("blobs") ? "span" : "singular",
                    "--compressor",
                    "none",
                    "--max-l1-tx-size-bytes",
                    "1500",
                    "--target-num-frames",
                    da.equals("blobs") ? "1" : "4",
                    "--max-channel-duration",
                    "3",
                    "--sub-safety-margin",
                    "4",
                    "--poll-interval",
                    "200ms",
                    "--num-confirmations",
                    "1",
                    "--resubmission-timeout",
                    "6s",
                    "--txmgr.receipt-query-interval",
                    "250ms",
                    "--max-pending-tx",
                    "4",
                    "--rpc.addr",
                    "127.0.0.1",
                    "--rpc.port",
                    Integer.toString(MerapiProcess.freePort()),
                    "--metrics.enabled",
                    "--metrics.addr",
                    "127.0.0.1",
                    "--metrics.port",
                    Integer.toString(MerapiProcess.freePort()))));
      }
      try {
        run(rollup, batchers, random);
      } finally {
        for (MerapiProcess batcher : batchers) {
          batcher.close();
        }
      }
    }
  }

  private void run(BatcherRig rollup, List<MerapiProcess> batchers, Random random)
      throws Exception {
    MerapiProcess batcher = batchers.get(0);
    batcher.start();
    MerapiProcess first = batcher;
    awaitTrue(() -> first.output().contains("admin RPC"), "the batcher's banner");
    assertThat(batcher.output())
        .contains("Merapi batcher, sending from 0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
    Map<Long, String> unsafeSeen = new TreeMap<>();
    List<Long> safeHeads = new ArrayList<>();
    System.out.printf("BatcherProcessIT: %d kills, seed %d%n", KILLS, SEED);
    long started = System.nanoTime();
    for (int kill = 0; kill < KILLS; kill++) {
      // A random moment in the batcher's life: loading, building, sending or waiting.
      long until = System.nanoTime() + Duration.ofMillis(300 + random.nextInt(2_500)).toNanos();
      while (System.nanoTime() < until) {
        rollup.sendL2Transactions(1);
        Thread.sleep(150);
      }
      long built = rollup.sequencer.number("latest");
      unsafeSeen.put(built, rollup.sequencer.hash(built));
      long roundStart = System.nanoTime();
      batcher.kill();
      batcher = batchers.get((kill + 1) % batchers.size());
      batcher.start();
      rollup.awaitVerifierSafe(built, "the safe head reaches " + built + " after kill " + kill);
      long safe = rollup.verifier.heads().safe().number();
      safeHeads.add(safe);
      System.out.printf(
          "kill %2d: %s now, safe #%d (built #%d at the kill) in %d ms%n",
          kill,
          batcher.name(),
          safe,
          built,
          Duration.ofNanos(System.nanoTime() - roundStart).toMillis());
    }
    System.out.printf(
        "BatcherProcessIT: %d kills in %d s%n",
        KILLS, Duration.ofNanos(System.nanoTime() - started).toSeconds());
    assertThat(safeHeads).isSorted();
    long last = safeHeads.get(safeHeads.size() - 1);
    rollup.assertSameChain(last);
    unsafeSeen.forEach(
        (n, hash) -> assertThat(rollup.sequencer.hash(n)).as("L2 block %d", n).isEqualTo(hash));
    for (MerapiProcess b : batchers) {
      assertThat(b.log()).as("%s's log", b.name()).doesNotContain("Exception in thread");
    }

    MerapiProcess running = batcher;
    awaitTrue(() -> running.output().contains("admin RPC"), running.name() + " is up");
    OptionalInt exit = running.terminate(Duration.ofSeconds(10));
    assertThat(exit).as("the batcher stops within 10 s of SIGTERM").isPresent();
    assertThat(exit.getAsInt()).isIn(0, 143);
    assertThat(running.logTail(5)).contains("Batcher stopped");
  }
}
