package io.merapi.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.batcher.channel.BatchType;
import io.merapi.batcher.channel.CompressorKind;
import io.merapi.derive.channel.CompressionAlgo;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real batcher posts the sequencer's chain in one mode after another on the same rollup — every
 * data availability (calldata, blobs, auto), batch type and compression algorithm at least once —
 * and the verifier derives exactly the sequencer's blocks from what it posted. Each batcher picks
 * up from the safe head its predecessor left.
 */
class BatcherModesIT {
  @TempDir Path dir;

  private record Mode(
      DataAvailability da,
      CompressionAlgo algo,
      BatchType type,
      CompressorKind compressor,
      int targetFrames,
      int maxPendingTx) {
    boolean blobs() {
      return da != DataAvailability.CALLDATA;
    }
  }

  private static String scrape(java.net.URI uri) throws Exception {
    try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
      return http.send(
              java.net.http.HttpRequest.newBuilder(uri).build(),
              java.net.http.HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  @Test
  void everyModeIsDerivedIntoTheSequencersChain() throws Exception {
    Mode[] modes = {
      new Mode(
          DataAvailability.CALLDATA,
          CompressionAlgo.ZLIB,
          BatchType.SPAN,
          CompressorKind.SHADOW,
          1,
          1),
      new Mode(
          DataAvailability.BLOBS,
          CompressionAlgo.BROTLI_10,
          BatchType.SINGULAR,
          CompressorKind.SHADOW,
          1,
          1),
      // The dev L1's blob base fee sits at its minimum: auto picks blobs.
      new Mode(
          DataAvailability.AUTO,
          CompressionAlgo.BROTLI_10,
          BatchType.SPAN,
          CompressorKind.SHADOW,
          2,
          2),
      new Mode(
          DataAvailability.CALLDATA,
          CompressionAlgo.BROTLI_11,
          BatchType.SINGULAR,
          CompressorKind.RATIO,
          2,
          2),
      new Mode(
          DataAvailability.BLOBS,
          CompressionAlgo.BROTLI_9,
          BatchType.SINGULAR,
          CompressorKind.NONE,
          1,
          1),
    };
    try (BatcherRig rollup = new BatcherRig(dir)) {
      for (Mode mode : modes) {
        long l1From = rollup.rig.l1Head();
        rollup.sendL2Transactions(5);
        long target = rollup.sequencer.number("latest") + 3;
        BatcherConfig config =
            rollup
                .config()
                .withChannels(2, mode.targetFrames(), mode.algo(), mode.type(), mode.da())
                .withCompressor(mode.compressor())
                .withTxManager(rollup.config().txManager().withMaxPendingTx(mode.maxPendingTx()));
        try (BatcherService batcher = BatcherService.start(config.withMetrics("127.0.0.1", 0))) {
          assertThat(batcher.isRunning()).isTrue();
          rollup.awaitVerifierSafe(
              target, "the verifier's safe head reaches " + target + " in " + mode);
          String metrics = scrape(batcher.metricsUri().orElseThrow());
          assertThat(metrics)
              .contains("op_batcher_default_up 1.0")
              .contains("op_batcher_default_batcher_tx_total{stage=\"success\"}")
              .contains("op_batcher_default_refs_number{layer=\"l2\",type=\"safe\"}");
        }
        int[] txs = rollup.inboxTransactions(l1From + 1, rollup.rig.l1Head());
        assertThat(txs[mode.blobs() ? 1 : 0]).as("%s batcher transactions", mode).isPositive();
      }
      long safe = rollup.verifier.heads().safe().number();
      rollup.assertSameChain(safe);
      assertThat(rollup.sequencer.heads().safe().number()).isGreaterThanOrEqualTo(safe - 5);
    }
  }
}
