package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.derive.channel.CompressionAlgo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The verifier derives exactly the sequencer's chain from L1 alone, for every way the batcher can
 * write it: calldata or blobs, singular or span batches, zlib or brotli (all forks active, as on
 * the devnet). The sequencer's blocks carry user transactions and deposits; channels span several
 * frames (small frames for calldata, several blobs per transaction).
 */
class BatchSubmissionTest {
  static final int ROUNDS = 4;

  static Stream<Arguments> encodings() {
    List<Arguments> cases = new ArrayList<>();
    for (Batcher.DataAvailability da : Batcher.DataAvailability.values()) {
      for (Batcher.BatchType type : Batcher.BatchType.values()) {
        for (CompressionAlgo algo : List.of(CompressionAlgo.ZLIB, CompressionAlgo.BROTLI_10)) {
          cases.add(Arguments.of(da, type, algo));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("encodings")
  void theVerifierDerivesTheSequencersChain(
      Batcher.DataAvailability da, Batcher.BatchType type, CompressionAlgo algo) {
    Batcher.Config config = Batcher.Config.of(type, algo, da);
    // Several frames a channel: small calldata frames; for blobs, two frames a blob transaction.
    config =
        da == Batcher.DataAvailability.CALLDATA
            ? config.withFrames(400, 100)
            : config.withFrames(300, 100).withBlobsPerTransaction(2);
    Actors a = Actors.start(Map.of(), config);

    for (int round = 0; round < ROUNDS; round++) {
      if (round % 2 == 0) {
        a.deposit();
      }
      a.round();
      a.assertVerifierFollowsSequencer();
    }
    a.sequenceToL1Head();
    a.batcher.submitAll();
    a.miner.mine();
    a.deriveBoth();

    a.assertAllSafe();
    assertThat(a.verifier.safeHead().number()).isGreaterThanOrEqualTo(6L * ROUNDS);
    assertThat(a.batcher.stats.frames).isGreaterThan(a.batcher.stats.channels);
    assertThat(a.verifier.stats.built).isEqualTo(a.verifier.safeHead().number());
    assertThat(a.sequencer.stats.consolidated).isEqualTo(a.sequencer.safeHead().number());
    // Every user transaction and deposit made it into the derived chain.
    long derivedUserTxs =
        a.verifier.chain().blocks().stream().mapToLong(b -> b.batchTransactions().size()).sum();
    assertThat(derivedUserTxs).isEqualTo(a.userTransactions());
    System.out.println(a.summary("batches " + da + " " + type + " " + algo));
  }
}
