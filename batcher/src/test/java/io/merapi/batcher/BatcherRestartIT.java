package io.merapi.batcher;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.batcher.channel.BatchType;
import io.merapi.batcher.channel.CompressorKind;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batcher stopped in the middle of its channels, again and again: closed and started anew (what
 * a restart after a crash does, from the rollup node's safe head), or stopped and started through
 * its admin RPC. Channels span several small calldata frames, so each interruption leaves one
 * partly posted. The safe head never moves back, keeps advancing, and the verifier's chain is the
 * sequencer's block for block.
 */
class BatcherRestartIT {
  @TempDir Path dir;

  @Test
  void theSafeHeadKeepsAdvancingAcrossRestartsMidChannel() throws Exception {
    SplittableRandom random = new SplittableRandom(2026);
    try (BatcherRig rollup = new BatcherRig(dir)) {
      // Frames of 1,500 bytes and uncompressed singular batches: several frames per channel,
      // few enough that a channel lands well within the channel timeout.
      BatcherConfig config =
          rollup
              .config()
              .withChannels(
                  3, 8, CompressionAlgo.ZLIB, BatchType.SINGULAR, DataAvailability.CALLDATA)
              .withCompressor(CompressorKind.NONE)
              .withMaxL1TxSizeBytes(1_500)
              .withTxManager(rollup.config().txManager().withMaxPendingTx(4));
      BatcherService batcher = BatcherService.start(config);
      List<Long> safeHeads = new ArrayList<>();
      // Unsafe blocks seen during the rounds: none may be replaced (a lost batch would let the
      // sequencing window expire and the sequencer's chain be rebuilt with deposits only).
      Map<Long, String> unsafeSeen = new TreeMap<>();
      try {
        for (int round = 0; round < 6; round++) {
          long before = rollup.verifier.heads().safe().number();
          long head = rollup.sequencer.number("latest");
          unsafeSeen.put(head, rollup.sequencer.hash(head));
          rollup.sendL2Transactions(3);
          // Interrupt at a random moment within a channel's life (~3 L1 blocks).
          Thread.sleep(1_000 + random.nextInt(2_500));
          if (round % 2 == 0) {
            batcher.close();
            batcher = BatcherService.start(config);
          } else {
            try (RpcClient admin =
                HttpRpcClient.create(batcher.rpcUri(), RpcClientOptions.defaults())) {
              admin.call("admin_stopBatcher");
              assertThat(batcher.isRunning()).isFalse();
              Thread.sleep(random.nextInt(1_000));
              admin.call("admin_startBatcher");
            }
          }
          long target = before + 2;
          rollup.awaitVerifierSafe(
              target, "the safe head passes " + target + " after restart " + round);
          safeHeads.add(rollup.verifier.heads().safe().number());
        }
      } finally {
        batcher.close();
      }
      assertThat(safeHeads).isSorted();
      long unsafe = rollup.sequencer.number("latest");
      // A last batcher catches up with everything the sequencer made.
      try (BatcherService last = BatcherService.start(config)) {
        assertThat(last.isRunning()).isTrue();
        rollup.awaitVerifierSafe(unsafe, "the verifier's safe head reaches " + unsafe);
      }
      rollup.assertSameChain(unsafe);
      unsafeSeen.forEach(
          (n, hash) -> assertThat(rollup.sequencer.hash(n)).as("L2 block %d", n).isEqualTo(hash));
      awaitTrue(() -> rollup.sequencer.heads().safe().number() >= unsafe, "the sequencer agrees");
    }
  }
}
