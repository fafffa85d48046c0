package io.merapi.node;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * L1 reorgs under a running rollup (issue 13: "L1 reorgs of depth 1 to 64 at random moments → heads
 * equal a fresh sync"). At seeded random moments the dev L1 is rewound with {@code debug_setHead}
 * by 1, by a medium depth and by 64 blocks; it then builds a new branch, on which the rewound
 * batcher transactions are included again from the pool while the batcher re-posts what the
 * sequencer rebuilt, as op-batcher does. Afterwards the verifier's and the sequencer's heads must
 * equal those of a fresh verifier syncing the new L1 chain from scratch, and no block ever reported
 * finalized may have changed: the dev L1 finalizes 64 blocks deep, so no reorg here reaches a
 * finalized L1 block.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class L1ReorgIT {
  private static final Logger LOG = LoggerFactory.getLogger(L1ReorgIT.class);
  private static final long SEED = 0x13_0064L;
  private static final int MAX_DEPTH = 64;
  private static final long CHANNEL_TIMEOUT = 8;

  @TempDir static Path dir;

  private RollupRig rig;
  private RigNode sequencer;
  private RigNode verifier;
  private TestBatcher batcher;
  private long lastSafe;
  private long lastProgressL1;
  private long lastPostMillis;

  /** Every finalized head each node reported: number → hash, by node. */
  private final Map<String, Map<Long, String>> finalizedSeen = new HashMap<>();

  @BeforeAll
  void startRollup() throws Exception {
    // A sequencing window well above the deepest reorg: batches included again after a 64-block
    // reorg are still in time, and a stopped sequencer leaves time to compare heads.
    rig =
        RollupRig.start(
            dir,
            RollupRig.Options.defaults()
                .withSeqWindow(160)
                .withChannelTimeout(CHANNEL_TIMEOUT)
                .withL1Depths(32, MAX_DEPTH));
    sequencer = rig.startNode("seq", true);
    verifier = rig.startNode("ver", false);
    batcher = rig.batcher(sequencer);
  }

  @AfterAll
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  void afterReorgsOfDepth1ToMaxTheHeadsEqualAFreshSync() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    int medium = 8 + random.nextInt(24);
    List<Integer> depths = List.of(1, medium, MAX_DEPTH);
    List<String> done = new ArrayList<>();
    for (int depth : depths) {
      // A random moment, but late enough that the L1 has more than `depth` blocks after the
      // rollup's genesis block (which no rewind may remove).
      long waitMillis = 4_000 + random.nextInt(8_000);
      long deadline = System.currentTimeMillis() + waitMillis;
      runUntil(
          () -> System.currentTimeMillis() >= deadline && rig.l1Head() >= depth + 6,
          "a moment for the reorg of depth " + depth,
          Duration.ofSeconds(120));
      long head = rig.l1Head();
      String replaced = rig.l1Block(head - depth + 1).get("hash").asText();
      LOG.info("L1 reorg of depth {}: rewinding the L1 from {} to {}", depth, head, head - depth);
      rig.setL1Head(head - depth);
      // The new branch: a block at the first rewound height, other than the one it replaces.
      runUntil(
          () -> {
            var block = rig.l1Block(head - depth + 1);
            return block != null && !block.get("hash").asText().equals(replaced);
          },
          "the L1 builds a new branch after the reorg of depth " + depth,
          Duration.ofSeconds(30));
      done.add("depth " + depth + " at L1 block " + head);
    }
    LOG.info("Reorgs done: {}", done);

    // The sequencer keeps an unsafe head whose L1 origin is above the rewound L1 head (it cannot
    // tell yet whether that origin survives, op-node's "ahead"); when the new branch reaches that
    // height it resets and rebuilds on the new branch. Wait for that, then freeze the L2: stop
    // the sequencer and post everything it built.
    runUntil(
        () -> {
          var origin = sequencer.syncStatus().path("unsafe_l2").path("l1origin");
          var canonical = rig.l1Block(origin.path("number").asLong());
          return canonical != null
              && canonical.get("hash").asText().equals(origin.path("hash").asText())
              && sequencer.heads().safe().number() > 0;
        },
        "the sequencer builds on the new L1 branch",
        Duration.ofSeconds(120));
    String stoppedAt = sequencer.admin("admin_stopSequencer").asText();
    long target = sequencer.heads().unsafe().number();
    assertThat(sequencer.hash(target)).isEqualTo(stoppedAt);
    runUntil(
        () ->
            sequencer.heads().safe().number() == target
                && verifier.heads().safe().number() == target,
        "sequencer and verifier are safe up to the stopped sequencer's head " + target,
        Duration.ofSeconds(90));

    // A fresh verifier syncs the L1 chain as it now is.
    RigNode fresh = rig.startNode("fresh", false);
    runUntil(
        () -> fresh.heads().safe().number() == target,
        "a fresh verifier derives up to " + target,
        Duration.ofSeconds(90));
    // Heads compared when all three nodes have seen the same L1 finalized block (it moves).
    RollupRig.awaitTrue(
        () -> {
          recordFinalized(fresh);
          RigNode.Heads f = fresh.heads();
          RigNode.Heads v = verifier.heads();
          RigNode.Heads s = sequencer.heads();
          if (System.currentTimeMillis() - lastPostMillis >= 5_000) {
            lastPostMillis = System.currentTimeMillis();
            LOG.info("Heads: fresh {}, verifier {}, sequencer {}", f, v, s);
          }
          return f.equals(v) && f.equals(s);
        },
        "the verifier's and the sequencer's heads equal the fresh verifier's");
    RigNode.Heads heads = fresh.heads();
    assertThat(heads.unsafe()).isEqualTo(heads.safe());
    for (long n = 1; n <= target; n++) {
      assertThat(verifier.hash(n)).as("verifier block %d", n).isEqualTo(fresh.hash(n));
      assertThat(sequencer.hash(n)).as("sequencer block %d", n).isEqualTo(fresh.hash(n));
    }

    // No block ever reported finalized changed.
    for (RigNode node : List.of(sequencer, verifier, fresh)) {
      Map<Long, String> seen = finalizedSeen.getOrDefault(node.name(), Map.of());
      for (Map.Entry<Long, String> e : seen.entrySet()) {
        assertThat(node.hash(e.getKey()))
            .as("%s: finalized block %d", node.name(), e.getKey())
            .isEqualTo(e.getValue());
      }
    }
    LOG.info(
        "Converged at L2 {} (finalized {}); finalized heads seen: {}",
        heads.safe(),
        heads.finalized(),
        finalizedSeen);
  }

  /**
   * Runs the batcher and watches finality until {@code condition} holds: every 250 ms the finalized
   * heads are recorded (a finalized number must never get another hash), and every second the
   * batcher posts the sequencer's new blocks — from its safe head again when the sequencer rebuilt
   * blocks it had posted or when a channel was not derived within the channel timeout.
   */
  private void runUntil(
      java.util.function.BooleanSupplier condition, String what, Duration timeout) {
    awaitTrue(
        () -> {
          recordFinalized(sequencer);
          recordFinalized(verifier);
          if (System.currentTimeMillis() - lastPostMillis >= 1_000) {
            batch();
          }
          return condition.getAsBoolean();
        },
        what,
        timeout);
  }

  private void batch() {
    lastPostMillis = System.currentTimeMillis();
    RigNode.Heads heads = sequencer.heads();
    long safe = heads.safe().number();
    long l1Head = rig.l1Head();
    batcher.forgetUpTo(safe);
    if (batcher.firstChangedBlock().isPresent()) {
      // The sequencer rebuilt blocks it had posted: start again from its safe head, as
      // op-batcher does on an L2 reorg (earlier channels may hold the replaced blocks too).
      batcher.rewindTo(safe);
      lastProgressL1 = l1Head;
    }
    if (safe != lastSafe) {
      lastSafe = safe;
      lastProgressL1 = l1Head;
    } else if (batcher.posted() > safe && l1Head > lastProgressL1 + CHANNEL_TIMEOUT + 2) {
      LOG.info("Batcher: nothing derived since L1 {}, posting again from {}", lastProgressL1, safe);
      batcher.rewindTo(safe);
      lastProgressL1 = l1Head;
    }
    batcher.postUpTo(heads.unsafe().number());
  }

  private void recordFinalized(RigNode node) {
    RigNode.Head finalized = node.heads().finalized();
    Map<Long, String> seen = finalizedSeen.computeIfAbsent(node.name(), k -> new HashMap<>());
    String before = seen.putIfAbsent(finalized.number(), finalized.hash());
    if (before != null && !before.equals(finalized.hash())) {
      throw new AssertionError(
          node.name()
              + ": finalized block "
              + finalized.number()
              + " changed from "
              + before
              + " to "
              + finalized.hash());
    }
  }
}
