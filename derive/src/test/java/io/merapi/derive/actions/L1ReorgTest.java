package io.merapi.derive.actions;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An L1 reorg removes the block that held a batch: both nodes notice when L1 moves on, reset, and
 * walk their safe heads back (a sequencing window); the blocks of the lost batch are not safe on
 * the new L1 chain. When the batch transaction lands again on the new chain (the L1 pool takes back
 * a reorged-out transaction), both derive the same blocks again.
 */
class L1ReorgTest {

  @Test
  void aReorgedOutBatchIsUnsafeUntilItLandsAgain() {
    Actors a =
        Actors.start(
            Map.of("sequencerWindowSize", 10),
            Batcher.Config.of(
                Batcher.BatchType.SPAN, CompressionAlgo.ZLIB, Batcher.DataAvailability.CALLDATA));
    a.round();
    a.round();
    a.assertAllSafe();
    L2BlockRef safeBefore = a.verifier.safeHead();

    // A batch lands in L1 block N and is derived.
    a.sequenceToL1Head();
    List<Transaction> batch = a.batcher.submitAll();
    L1Miner.L1Block withBatch = a.miner.mine();
    a.deriveBoth();
    a.assertAllSafe();
    L2BlockRef safeWithBatch = a.verifier.safeHead();
    assertThat(safeWithBatch.number()).isGreaterThan(safeBefore.number());

    // Block N is replaced by an empty one, and the new chain grows past it.
    assertThat(a.miner.reorg(1)).containsExactlyElementsOf(batch);
    a.miner.setCoinbase(Address.fromHex("0x00000000000000000000000000000000000000b2"));
    L1Miner.L1Block replacement = a.miner.mine();
    assertThat(replacement.hash()).isNotEqualTo(withBatch.hash());
    a.miner.mine();
    a.deriveBoth();

    assertThat(a.verifier.stats.resets).isPositive();
    assertThat(a.sequencer.stats.resets).isPositive();
    assertThat(a.verifier.safeHead().number())
        .as("the lost batch's blocks are not safe")
        .isLessThan(safeWithBatch.number());
    assertThat(a.sequencer.safeHead()).isEqualTo(a.verifier.safeHead());
    a.assertVerifierFollowsSequencer();
    // The sequencer's unsafe chain survives: its L1 origins are still canonical.
    assertThat(a.sequencer.chain().block(safeWithBatch.number()).hash())
        .isEqualTo(safeWithBatch.hash());

    // The batch transaction lands again, in the new chain.
    batch.forEach(a.miner::submit);
    a.miner.mine();
    a.deriveBoth();
    assertThat(a.verifier.safeHead().number()).isGreaterThanOrEqualTo(safeWithBatch.number());
    assertThat(a.verifier.chain().block(safeWithBatch.number()).hash())
        .isEqualTo(safeWithBatch.hash());
    a.round();
    a.assertAllSafe();
    System.out.println(a.summary("L1 reorg"));
  }
}
