package io.merapi.batcher;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.batcher.channel.BatchType;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.node.RollupRig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * L1 reorgs that take the batcher's transactions out of the L1 chain (issue 14: "batcher
 * transactions dropped from the L1 pool or reorged out are re-posted and the safe head still
 * advances"). Each reorg is made at a moment when the blocks it removes hold at least one batcher
 * transaction: a transaction still waiting for confirmations goes out again from the transaction
 * manager, one already confirmed comes back through the rollup node's safe head moving back, and
 * either way the verifier ends with the sequencer's chain. The L1 finalizes deeper than any reorg
 * here, as a real L1 does.
 */
class BatcherL1ReorgIT {
  private static final List<Integer> DEPTHS = List.of(1, 3, 6);

  @TempDir Path dir;

  @Test
  void calldataReorgedOutIsPostedAgain() throws Exception {
    reorgsUnder(DataAvailability.CALLDATA);
  }

  @Test
  void blobsReorgedOutArePostedAgain() throws Exception {
    reorgsUnder(DataAvailability.BLOBS);
  }

  private void reorgsUnder(DataAvailability da) throws Exception {
    RollupRig.Options options = RollupRig.Options.defaults().withSeqWindow(40).withL1Depths(8, 16);
    try (BatcherRig rollup = new BatcherRig(dir.resolve(da.name()), options)) {
      BatcherConfig config =
          rollup.config().withChannels(2, 1, CompressionAlgo.ZLIB, BatchType.SPAN, da);
      try (BatcherService batcher = BatcherService.start(config)) {
        rollup.sendL2Transactions(3);
        rollup.awaitVerifierSafe(rollup.sequencer.number("latest"), "batches before the reorgs");
        for (int depth : DEPTHS) {
          long[] head = new long[1];
          // A moment when the last `depth` L1 blocks carry a batcher transaction.
          awaitTrue(
              () -> {
                rollup.sendL2Transactions(1);
                head[0] = rollup.rig.l1Head();
                int[] posted = rollup.inboxTransactions(head[0] - depth + 1, head[0]);
                return head[0] > depth + 4 && Arrays.stream(posted).sum() > 0;
              },
              "a batcher transaction in the last " + depth + " L1 blocks",
              Duration.ofSeconds(60));
          String replaced = rollup.rig.l1Block(head[0] - depth + 1).get("hash").asText();
          rollup.rig.setL1Head(head[0] - depth);
          awaitTrue(
              () -> {
                var block = rollup.rig.l1Block(head[0] - depth + 1);
                return block != null && !block.get("hash").asText().equals(replaced);
              },
              "a new L1 branch after the reorg of depth " + depth,
              Duration.ofSeconds(30));
        }
        long after = rollup.sequencer.number("latest") + 2;
        rollup.awaitVerifierSafe(after, "the safe head reaches " + after + " after the reorgs");
        rollup.assertSameChain(after);
        assertThat(batcher.isRunning()).isTrue();
      }
    }
  }
}
