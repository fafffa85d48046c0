package io.merapi.derive.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.stage.AttributesWithParent;
import io.merapi.derive.testing.Blocks;
import io.merapi.derive.testing.Channels;
import io.merapi.derive.testing.Compress;
import io.merapi.derive.testing.TestFrames;
import io.merapi.types.config.OpFork;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The pipeline as a driver uses it: built from the chain sources alone with the project's
 * attributes builder, blobs, empty batches for an expired window, brotli from Fjord, and the
 * Holocene deposits-only retry.
 */
class PipelineTest {

  static List<L2BlockRef> threeBlocks(TestRollup rollup) {
    L1BlockRef epoch = rollup.l1.block(0);
    List<L2BlockRef> blocks = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      blocks.add(rollup.sequence(epoch, TestRollup.userTx(i + 1)));
    }
    return blocks;
  }

  /**
   * {@code DerivationPipeline(config, l1, blobs, l2)}: the real attributes builder puts the L1 info
   * deposit first and the batch's transactions after it.
   */
  @Test
  void withTheAttributesBuilder() {
    TestRollup rollup = new TestRollup(c -> c.fork(OpFork.GRANITE, 0));
    List<L2BlockRef> blocks = threeBlocks(rollup);
    rollup.l1.mine(
        rollup.batcherTx(
            Channels.split(
                TestFrames.channel("c"), Channels.singular(rollup.batchesOf(blocks)), 1)));
    DerivationPipeline pipeline =
        new DerivationPipeline(rollup.config, rollup.l1, rollup.blobSource(), rollup.verifierL2);
    L2BlockRef head = rollup.genesis;
    List<AttributesWithParent> derived = new ArrayList<>();
    Map<Hash, L2BlockRef> sequencerByParent = new HashMap<>();
    for (L2BlockRef b : blocks) {
      sequencerByParent.put(b.parentHash(), b);
    }
    for (int i = 0; i < 1000; i++) {
      StepResult r = pipeline.step(head);
      if (r instanceof StepResult.Idle) {
        break;
      }
      if (r instanceof StepResult.Attributes(AttributesWithParent a)) {
        derived.add(a);
        // The engine: the sequencer's block with these transactions.
        L2BlockRef block = sequencerByParent.get(head.hash());
        List<Bytes> txs = a.attributes().transactions();
        assertThat(txs.get(0).get(0)).isEqualTo((byte) 0x7e);
        assertThat(txs.subList(1, txs.size())).isEqualTo(rollup.sequencedTxs.get(block.hash()));
        assertThat(a.attributes().timestamp()).isEqualTo(block.time());
        assertThat(a.attributes().noTxPool()).isTrue();
        rollup.verifierL2.add(block);
        head = block;
      }
    }
    assertThat(derived).hasSize(3);
    assertThat(head).isEqualTo(blocks.get(2));
  }

  /** From Ecotone, frames in blobs and in calldata of one L1 block, in block order. */
  @Test
  void blobs() {
    TestRollup rollup = new TestRollup(c -> c.fork(OpFork.GRANITE, 0));
    List<L2BlockRef> blocks = threeBlocks(rollup);
    var frames =
        Channels.split(TestFrames.channel("c"), Channels.singular(rollup.batchesOf(blocks)), 3);
    Hash h0 = Blocks.hash("blob 0");
    Hash h1 = Blocks.hash("blob 1");
    rollup.blobs.put(
        new BlobSource.IndexedBlobHash(0, h0),
        BlobEncoding.encode(BatcherTransaction.encode(frames.get(0))));
    rollup.blobs.put(
        new BlobSource.IndexedBlobHash(1, h1),
        BlobEncoding.encode(BatcherTransaction.encode(frames.get(1))));
    Transaction blobTx =
        new BlobTransaction(
                rollup.config.l1ChainId(),
                100,
                UInt256.ONE,
                UInt256.valueOf(100),
                100_000,
                rollup.config.batchInboxAddress(),
                UInt256.ZERO,
                Bytes.EMPTY,
                AccessList.EMPTY,
                UInt256.ONE,
                List.of(h0, h1),
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO,
                Optional.empty())
            .sign(TestRollup.BATCHER);
    rollup.l1.mine(blobTx, rollup.batcherTx(frames.get(2)));
    assertThat(rollup.verifier().deriveAll().safeHead).isEqualTo(blocks.get(2));
  }

  /**
   * No batches at all: once the sequencing window of an epoch has passed, empty batches are made,
   * at least one per epoch, keeping L2 time at or after L1 time.
   */
  @Test
  void emptyBatchesWhenTheWindowExpires() {
    TestRollup rollup = new TestRollup(c -> c.fork(OpFork.GRANITE, 0).seqWindowSize(3));
    for (int i = 0; i < 6; i++) {
      rollup.l1.mine();
    }
    TestRollup.Verifier verifier = rollup.verifier().deriveAll();
    assertThat(verifier.derived).isNotEmpty();
    long previousEpoch = 0;
    L2BlockRef previous = rollup.genesis;
    for (AttributesWithParent a : verifier.derived) {
      // Only the stand-in builder's deposit.
      assertThat(a.attributes().transactions()).hasSize(1);
      assertThat(a.attributes().timestamp()).isEqualTo(previous.time() + 2);
      previous = TestRollup.build(a.parent(), a.attributes());
      long epoch = previous.l1Origin().number();
      assertThat(epoch).isBetween(previousEpoch, previousEpoch + 1);
      assertThat(previous.time()).isGreaterThanOrEqualTo(rollup.l1.block(epoch).time());
      previousEpoch = epoch;
    }
    // Epochs 0 to 2 have expired windows by L1 block 6 (3 + 3), the next epoch's blocks follow.
    assertThat(previousEpoch).isEqualTo(3);
  }

  /** A brotli channel is dropped before Fjord and read from Fjord (by the L1 block's time). */
  @Test
  void brotliChannelsFromFjord() {
    for (boolean fjord : List.of(false, true)) {
      TestRollup rollup =
          new TestRollup(c -> fjord ? c.fork(OpFork.FJORD, 0) : c.fork(OpFork.ECOTONE, 0));
      List<L2BlockRef> blocks = threeBlocks(rollup);
      List<BatchData> data =
          rollup.batchesOf(blocks).stream()
              .map(b -> (BatchData) new BatchData.Singular(b))
              .toList();
      Bytes channel = Bytes.wrap(Compress.brotli(Compress.rlpBatches(data), 6));
      rollup.l1.mine(rollup.batcherTx(Channels.split(TestFrames.channel("br"), channel, 1)));
      assertThat(rollup.verifier().deriveAll().safeHead.number()).isEqualTo(fjord ? 3 : 0);
    }
  }

  /**
   * Holocene's steady block derivation: the engine finds the first block INVALID, the pipeline
   * hands out its deposits-only version and drops the rest of the channel.
   */
  @Test
  void depositsOnlyRetry() {
    TestRollup rollup = new TestRollup(c -> c.fork(OpFork.HOLOCENE, 0));
    List<L2BlockRef> blocks = threeBlocks(rollup);
    rollup.l1.mine(
        rollup.batcherTx(
            Channels.split(
                TestFrames.channel("c"), Channels.singular(rollup.batchesOf(blocks)), 1)));
    TestRollup.Verifier verifier = rollup.verifier();
    AttributesWithParent first = null;
    for (int i = 0; i < 1000 && first == null; i++) {
      if (verifier.pipeline.step(verifier.safeHead) instanceof StepResult.Attributes(var a)) {
        first = a;
      }
    }
    assertThat(first).isNotNull();
    // The engine says INVALID.
    AttributesWithParent retry =
        verifier.pipeline.depositsOnlyAttributes(first.parent().id(), first.derivedFrom());
    assertThat(retry.attributes().transactions()).hasSize(1);
    assertThat(retry.isDepositsOnly()).isTrue();
    verifier.accept(retry);
    verifier.deriveAll();
    // Batches 2 and 3 went with the channel: only the deposits-only block is derived.
    assertThat(verifier.derived).hasSize(1);
    assertThat(verifier.safeHead.number()).isEqualTo(1);
    assertThat(verifier.safeHead).isNotEqualTo(blocks.get(0));
  }

  /** Before Holocene an invalid payload's batch is just dropped: no deposits-only version. */
  @Test
  void noDepositsOnlyBeforeHolocene() {
    TestRollup rollup = new TestRollup(c -> c.fork(OpFork.GRANITE, 0));
    List<L2BlockRef> blocks = threeBlocks(rollup);
    rollup.l1.mine(
        rollup.batcherTx(
            Channels.split(
                TestFrames.channel("c"), Channels.singular(rollup.batchesOf(blocks)), 1)));
    TestRollup.Verifier verifier = rollup.verifier();
    AttributesWithParent first = null;
    for (int i = 0; i < 1000 && first == null; i++) {
      if (verifier.pipeline.step(verifier.safeHead) instanceof StepResult.Attributes(var a)) {
        first = a;
      }
    }
    AttributesWithParent a = first;
    assertThatThrownBy(
            () -> verifier.pipeline.depositsOnlyAttributes(a.parent().id(), a.derivedFrom()))
        .isInstanceOf(DerivationException.Critical.class)
        .hasMessageContaining("Holocene");
  }
}
