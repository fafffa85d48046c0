package io.merapi.derive.stage;

import static io.merapi.derive.testing.Blocks.batch;
import static io.merapi.derive.testing.Blocks.bytes;
import static io.merapi.derive.testing.Blocks.depositTx;
import static io.merapi.derive.testing.Blocks.hash;
import static io.merapi.derive.testing.Blocks.span;
import static io.merapi.derive.testing.Blocks.userTx;
import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.Batch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.stage.BatchValidity.DropReason;
import io.merapi.derive.stage.BatchValidity.UndecidedReason;
import io.merapi.derive.testing.FakeL2Source;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.OpFork;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * op-node's {@code TestValidBatch} table (batches_test.go), case by case with the rule that must
 * decide it, plus the rules the spec has that op-node's table does not exercise.
 */
class BatchChecksTest {
  static final long BLOCK_TIME = 2;

  /** A test case: the batch, what the checker knows, and the expected verdict. */
  record Case(
      String name,
      List<L1BlockRef> l1Blocks,
      L2BlockRef safeHead,
      L1BlockRef inclusion,
      Batch batch,
      BatchValidity expected,
      UnaryOperator<TestRollupConfig> forks) {
    @Override
    public String toString() {
      return name;
    }
  }

  // The chains of op-node's table: L1 blocks 7 seconds apart, L2 blocks 2 seconds apart.
  static final L1BlockRef L1A =
      new L1BlockRef(hash("l1A"), 3_000, hash("l1A parent"), 1_700_000_000);
  static final L1BlockRef L1B = next(L1A, "l1B", 7);
  static final L1BlockRef L1C = next(L1B, "l1C", 7);
  static final L1BlockRef L1D = next(L1C, "l1D", 7);
  static final L1BlockRef L1E = next(L1D, "l1E", 7);
  static final L1BlockRef L1F = next(L1E, "l1F", 7);

  static final L2BlockRef L2A0 =
      new L2BlockRef(hash("l2A0"), 100, hash("l2A0 parent"), L1A.time(), L1A.id(), 0);
  static final L2BlockRef L2A1 = child(L2A0, "l2A1", L1A, 1);
  static final L2BlockRef L2A2 = child(L2A1, "l2A2", L1A, 2);
  static final L2BlockRef L2A3 = child(L2A2, "l2A3", L1A, 3);
  static final L2BlockRef L2B0 = child(L2A3, "l2B0", L1B, 0);
  static final L2BlockRef L2B1 = child(L2B0, "l2B1", L1B, 1);
  static final L2BlockRef L2B2 = child(L2B1, "l2B2", L1B, 2);
  static final L2BlockRef L2A4 = child(L2A3, "l2A4", L1A, 4);

  static final L1BlockRef L1X = new L1BlockRef(hash("l1X"), 42, hash("l1X parent"), 10_000);
  static final L1BlockRef L1Y = next(L1X, "l1Y", 12);
  static final L1BlockRef L1Z = next(L1Y, "l1Z", 12);
  static final L2BlockRef L2X0 =
      new L2BlockRef(hash("l2X0"), 1000, hash("l2X0 parent"), 10_000 + 24 + 6 - 1, L1X.id(), 0);
  // Each more than the 6 second drift ahead of its origin.
  static final L2BlockRef L2Y0 = child(L2X0, "l2Y0", L1Y, 0);
  static final L2BlockRef L2Z0 = child(L2Y0, "l2Z0", L1Z, 0);

  /** An L1 block after l1A that arrives too late for l2A4 to adopt it. */
  static final L1BlockRef L1B_LATE =
      new L1BlockRef(hash("l1BLate"), L1A.number() + 1, L1A.hash(), L2A4.time() + 1);

  static final Bytes TX = userTx(1);
  static final Bytes OTHER_TX = userTx(2);

  static L1BlockRef next(L1BlockRef parent, String name, long seconds) {
    return new L1BlockRef(hash(name), parent.number() + 1, parent.hash(), parent.time() + seconds);
  }

  static L2BlockRef child(L2BlockRef parent, String name, L1BlockRef origin, long seq) {
    return new L2BlockRef(
        hash(name),
        parent.number() + 1,
        parent.hash(),
        parent.time() + BLOCK_TIME,
        origin.id(),
        seq);
  }

  /** The batch that would build {@code block}. */
  static SingularBatch batchOf(L2BlockRef block, Bytes... txs) {
    return batch(
        block.parentHash(), block.l1Origin().number(), block.l1Origin().hash(), block.time(), txs);
  }

  static BatchValidity accept() {
    return BatchValidity.accept();
  }

  static BatchValidity drop(DropReason reason) {
    return BatchValidity.drop(reason);
  }

  static BatchValidity undecided(UndecidedReason reason) {
    return BatchValidity.undecided(reason);
  }

  static UnaryOperator<TestRollupConfig> none() {
    return c -> c;
  }

  static UnaryOperator<TestRollupConfig> deltaAtGenesis() {
    return c -> c.onlyFork(OpFork.DELTA, 0);
  }

  static UnaryOperator<TestRollupConfig> deltaAt(long time) {
    return c -> c.onlyFork(OpFork.DELTA, time);
  }

  static UnaryOperator<TestRollupConfig> fjordAt(long time) {
    return c -> c.onlyFork(OpFork.DELTA, 0).onlyFork(OpFork.FJORD, time);
  }

  static UnaryOperator<TestRollupConfig> holoceneAt(long time) {
    return c ->
        c.onlyFork(OpFork.DELTA, 0).onlyFork(OpFork.FJORD, 0).onlyFork(OpFork.HOLOCENE, time);
  }

  static Case c(
      String name,
      List<L1BlockRef> l1Blocks,
      L2BlockRef safeHead,
      L1BlockRef inclusion,
      Batch batch,
      BatchValidity expected) {
    return new Case(name, l1Blocks, safeHead, inclusion, batch, expected, none());
  }

  static Case c(
      String name,
      List<L1BlockRef> l1Blocks,
      L2BlockRef safeHead,
      L1BlockRef inclusion,
      Batch batch,
      BatchValidity expected,
      UnaryOperator<TestRollupConfig> forks) {
    return new Case(name, l1Blocks, safeHead, inclusion, batch, expected, forks);
  }

  static SingularBatch withTimestamp(SingularBatch b, long timestamp) {
    return batch(
        b.parentHash(),
        b.epochNum(),
        b.epochHash(),
        timestamp,
        b.transactions().toArray(Bytes[]::new));
  }

  static SingularBatch withParent(SingularBatch b, Hash parent) {
    return batch(
        parent, b.epochNum(), b.epochHash(), b.timestamp(), b.transactions().toArray(Bytes[]::new));
  }

  static SingularBatch withEpoch(SingularBatch b, long epochNum, Hash epochHash) {
    return batch(
        b.parentHash(), epochNum, epochHash, b.timestamp(), b.transactions().toArray(Bytes[]::new));
  }

  static Stream<Case> singularBatchCases() {
    SingularBatch a1 = batchOf(L2A1);
    return Stream.of(
        c(
            "missing L1 info",
            List.of(),
            L2A0,
            L1B,
            a1,
            undecided(UndecidedReason.MISSING_L1_BLOCKS)),
        c(
            "future timestamp",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            withTimestamp(a1, L2A1.time() + 1),
            new BatchValidity.Future()),
        c(
            "future timestamp with Holocene at L1 inc",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            withTimestamp(a1, L2A1.time() + 1),
            drop(DropReason.FUTURE_TIMESTAMP),
            holoceneAt(L1B.time())),
        c(
            "old timestamp",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            withTimestamp(a1, L2A0.time()),
            drop(DropReason.PAST_TIMESTAMP)),
        c(
            "past timestamp with Holocene at L1 inc",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            withTimestamp(a1, L2A0.time()),
            new BatchValidity.Past(),
            holoceneAt(L1B.time())),
        c(
            "misaligned timestamp",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            withTimestamp(a1, L2A1.time() - 1),
            drop(DropReason.PAST_TIMESTAMP)),
        c(
            "invalid parent block hash",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            withParent(a1, hash("random")),
            drop(DropReason.PARENT_HASH_MISMATCH)),
        // Included in the 5th block after the batch's epoch, with a sequencing window of 4.
        c(
            "sequence window expired",
            List.of(L1A, L1B, L1C, L1D, L1E, L1F),
            L2A0,
            L1F,
            a1,
            drop(DropReason.INCLUDED_TOO_LATE)),
        c(
            "epoch too old, but good parent hash and timestamp",
            List.of(L1B, L1C, L1D),
            L2B0,
            L1C,
            batch(L2B0.hash(), L1A.number(), L1A.hash(), L2B0.time() + BLOCK_TIME),
            drop(DropReason.EPOCH_TOO_OLD)),
        c(
            "insufficient L1 info for eager derivation",
            List.of(L1A),
            L2A3,
            L1C,
            batchOf(L2B0),
            undecided(UndecidedReason.NEXT_EPOCH_UNKNOWN)),
        c(
            "epoch too new",
            List.of(L1A, L1B, L1C, L1D),
            L2A3,
            L1D,
            withEpoch(batchOf(L2B0), L1C.number(), L1C.hash()),
            drop(DropReason.EPOCH_TOO_FAR_AHEAD)),
        c(
            "epoch hash wrong",
            List.of(L1A, L1B),
            L2A3,
            L1C,
            withEpoch(batchOf(L2B0), L1B.number(), L1A.hash()),
            drop(DropReason.EPOCH_HASH_MISMATCH)),
        // l2A4 is 8 seconds past l1A, beyond the 6 second drift.
        c(
            "sequencer time drift on same epoch with non-empty txs",
            List.of(L1A, L1B),
            L2A3,
            L1B,
            batchOf(L2A4, TX),
            drop(DropReason.SEQUENCER_DRIFT_EXCEEDED)),
        c(
            "no sequencer time drift on same epoch with non-empty txs and Fjord",
            List.of(L1A, L1B),
            L2A3,
            L1B,
            batchOf(L2A4, TX),
            accept(),
            fjordAt(L1A.time())),
        c(
            "sequencer time drift on changing epoch with non-empty txs",
            List.of(L1X, L1Y, L1Z),
            L2X0,
            L1Z,
            batchOf(L2Y0, TX),
            drop(DropReason.SEQUENCER_DRIFT_EXCEEDED)),
        c(
            "sequencer time drift on same epoch with empty txs and late next epoch",
            List.of(L1A, L1B_LATE),
            L2A3,
            L1B_LATE,
            batchOf(L2A4),
            accept()),
        c(
            "sequencer time drift on changing epoch with empty txs",
            List.of(L1X, L1Y, L1Z),
            L2X0,
            L1Z,
            batchOf(L2Y0),
            accept()),
        c(
            "sequencer time drift on same epoch with empty txs and no next epoch in sight yet",
            List.of(L1A),
            L2A3,
            L1B,
            batchOf(L2A4),
            undecided(UndecidedReason.NEXT_ORIGIN_UNKNOWN)),
        c(
            "sequencer time drift on same epoch with empty txs and but in-sight epoch that"
                + " invalidates it",
            List.of(L1A, L1B, L1C),
            L2A3,
            L1C,
            batchOf(L2A4),
            drop(DropReason.SEQUENCER_DRIFT_NEXT_ORIGIN_ADOPTABLE)),
        c(
            "empty tx included",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, Bytes.EMPTY),
            drop(DropReason.EMPTY_TRANSACTION)),
        c(
            "deposit tx included",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, bytes(0x7e, 0)),
            drop(DropReason.DEPOSIT_TRANSACTION)),
        c(
            "valid batch same epoch",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, bytes(0x02, 0x42, 0x13, 0x37), bytes(0x02, 0xde, 0xad, 0xbe, 0xef)),
            accept()),
        c(
            "valid batch changing epoch",
            List.of(L1A, L1B, L1C),
            L2A3,
            L1C,
            batchOf(L2B0, bytes(0x02, 0x42, 0x13, 0x37), bytes(0x02, 0xde, 0xad, 0xbe, 0xef)),
            accept()),
        // l2B0' starts epoch B 6 seconds after l1A, one second before l1B.
        c(
            "batch with L2 time before L1 time",
            List.of(L1A, L1B, L1C),
            L2A2,
            L1B,
            batch(L2A2.hash(), L1B.number(), L1B.hash(), L2A2.time() + BLOCK_TIME),
            drop(DropReason.TIMESTAMP_BEFORE_L1_ORIGIN)),
        c(
            "singular batch before hard fork",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, TX),
            accept(),
            deltaAt(L1B.time())),
        c(
            "singular batch after hard fork",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, TX),
            accept(),
            deltaAt(L1A.time())),
        // Rules of the spec beyond op-node's table.
        c(
            "set code tx before Isthmus",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, bytes(0x04, 1)),
            drop(DropReason.SET_CODE_BEFORE_ISTHMUS)),
        c(
            "set code tx from Isthmus",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, bytes(0x04, 1)),
            accept(),
            c -> c.onlyFork(OpFork.ISTHMUS, 0)),
        c(
            "blob tx is of a future type",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, bytes(0x03, 1)),
            drop(DropReason.FUTURE_TRANSACTION_TYPE)),
        c(
            "unknown tx type",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, bytes(0x05, 1)),
            drop(DropReason.FUTURE_TRANSACTION_TYPE)),
        c(
            "legacy and access list txs",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            batchOf(L2A1, bytes(0xf8, 1), bytes(0x01, 1)),
            accept()));
  }

  static Stream<Case> spanBatchCases() {
    SingularBatch a1 = batchOf(L2A1);
    UnaryOperator<TestRollupConfig> delta = deltaAtGenesis();
    return Stream.of(
        c(
            "missing L1 info",
            List.of(),
            L2A0,
            L1B,
            span(a1),
            undecided(UndecidedReason.MISSING_L1_BLOCKS),
            delta),
        c(
            "future timestamp",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            span(withTimestamp(a1, L2A1.time() + 1)),
            new BatchValidity.Future(),
            delta),
        c(
            "future timestamp with Holocene at L1 inc",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            span(withTimestamp(a1, L2A1.time() + 1)),
            drop(DropReason.FUTURE_TIMESTAMP),
            holoceneAt(L1B.time())),
        c(
            "misaligned timestamp",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            span(withTimestamp(a1, L2A1.time() - 1)),
            drop(DropReason.NO_NEW_BLOCKS),
            delta),
        c(
            "invalid parent block hash",
            List.of(L1A, L1B, L1C),
            L2A0,
            L1B,
            span(withParent(a1, hash("random"))),
            drop(DropReason.PARENT_HASH_MISMATCH),
            delta),
        c(
            "sequence window expired",
            List.of(L1A, L1B, L1C, L1D, L1E, L1F),
            L2A0,
            L1F,
            span(a1),
            drop(DropReason.INCLUDED_TOO_LATE),
            delta),
        c(
            "epoch too old, but good parent hash and timestamp",
            List.of(L1B, L1C, L1D),
            L2B0,
            L1C,
            span(
                batch(L2B0.hash(), L1A.number(), L1A.hash(), L2B0.time() + BLOCK_TIME),
                batch(Hash.ZERO, L1B.number(), L1B.hash(), L2B0.time() + 2 * BLOCK_TIME)),
            drop(DropReason.EPOCH_TOO_OLD),
            delta),
        c(
            "insufficient L1 info for eager derivation",
            List.of(L1A),
            L2A3,
            L1C,
            span(batchOf(L2B0)),
            undecided(UndecidedReason.NEXT_EPOCH_UNKNOWN),
            delta),
        c(
            "insufficient L1 info for eager derivation - long span",
            List.of(L1A),
            L2A2,
            L1C,
            span(batchOf(L2A3), batchOf(L2B0)),
            undecided(UndecidedReason.L1_ORIGINS_UNKNOWN),
            delta),
        c(
            "epoch too new",
            List.of(L1A, L1B, L1C, L1D),
            L2A3,
            L1D,
            span(withEpoch(batchOf(L2B0), L1C.number(), L1C.hash())),
            drop(DropReason.EPOCH_TOO_FAR_AHEAD),
            delta),
        c(
            "epoch hash wrong",
            List.of(L1A, L1B),
            L2A3,
            L1C,
            span(withEpoch(batchOf(L2B0), L1B.number(), L1A.hash())),
            drop(DropReason.EPOCH_HASH_MISMATCH),
            delta),
        c(
            "epoch hash wrong - long span",
            List.of(L1A, L1B),
            L2A2,
            L1C,
            span(batchOf(L2A3), withEpoch(batchOf(L2B0), L1B.number(), L1A.hash())),
            drop(DropReason.EPOCH_HASH_MISMATCH),
            delta),
        c(
            "sequencer time drift on same epoch with non-empty txs",
            List.of(L1A, L1B),
            L2A3,
            L1B,
            span(batchOf(L2A4, TX)),
            drop(DropReason.SEQUENCER_DRIFT_EXCEEDED),
            delta),
        c(
            "no sequencer time drift on same epoch with non-empty txs and Fjord",
            List.of(L1A, L1B),
            L2A3,
            L1B,
            span(batchOf(L2A4, TX)),
            accept(),
            fjordAt(L1A.time())),
        c(
            "sequencer time drift on same epoch with non-empty txs - long span",
            List.of(L1A, L1B),
            L2A2,
            L1B,
            span(batchOf(L2A3, TX), batchOf(L2A4, TX)),
            drop(DropReason.SEQUENCER_DRIFT_EXCEEDED),
            delta),
        c(
            "sequencer time drift on changing epoch with non-empty txs",
            List.of(L1X, L1Y, L1Z),
            L2X0,
            L1Z,
            span(batchOf(L2Y0, TX)),
            drop(DropReason.SEQUENCER_DRIFT_EXCEEDED),
            delta),
        c(
            "sequencer time drift on same epoch with empty txs and late next epoch",
            List.of(L1A, L1B_LATE),
            L2A3,
            L1B_LATE,
            span(batchOf(L2A4)),
            accept(),
            delta),
        c(
            "sequencer time drift on changing epoch with empty txs",
            List.of(L1X, L1Y, L1Z),
            L2X0,
            L1Z,
            span(batchOf(L2Y0), batchOf(L2Z0)),
            accept(),
            delta),
        c(
            "sequencer time drift on same epoch with empty txs and no next epoch in sight yet",
            List.of(L1A),
            L2A3,
            L1B,
            span(batchOf(L2A4)),
            undecided(UndecidedReason.NEXT_ORIGIN_UNKNOWN),
            delta),
        c(
            "sequencer time drift on same epoch with empty txs and no next epoch in sight yet -"
                + " long span",
            List.of(L1A),
            L2A2,
            L1B,
            span(batchOf(L2A3), batchOf(L2A4)),
            undecided(UndecidedReason.NEXT_ORIGIN_UNKNOWN),
            delta),
        c(
            "sequencer time drift on same epoch with empty txs and but in-sight epoch that"
                + " invalidates it",
            List.of(L1A, L1B, L1C),
            L2A3,
            L1C,
            span(batchOf(L2A4)),
            drop(DropReason.SEQUENCER_DRIFT_NEXT_ORIGIN_ADOPTABLE),
            delta),
        c(
            "sequencer time drift on same epoch with empty txs and but in-sight epoch that"
                + " invalidates it - long span",
            List.of(L1A, L1B, L1C),
            L2A2,
            L1C,
            span(batchOf(L2A3), batchOf(L2A4)),
            drop(DropReason.SEQUENCER_DRIFT_NEXT_ORIGIN_ADOPTABLE),
            delta),
        c(
            "empty tx included",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(batchOf(L2A1, Bytes.EMPTY)),
            drop(DropReason.EMPTY_TRANSACTION),
            delta),
        c(
            "deposit tx included",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(batchOf(L2A1, bytes(0x7e, 0))),
            drop(DropReason.DEPOSIT_TRANSACTION),
            delta),
        c(
            "valid batch same epoch",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(batchOf(L2A1, TX)),
            accept(),
            delta),
        c(
            "valid batch changing epoch",
            List.of(L1A, L1B, L1C),
            L2A3,
            L1C,
            span(batchOf(L2B0, TX)),
            accept(),
            delta),
        c(
            "batch with L2 time before L1 time",
            List.of(L1A, L1B, L1C),
            L2A2,
            L1B,
            span(batch(L2A2.hash(), L1B.number(), L1B.hash(), L2A2.time() + BLOCK_TIME)),
            drop(DropReason.TIMESTAMP_BEFORE_L1_ORIGIN),
            delta),
        c(
            "batch with L2 time before L1 time - long span",
            List.of(L1A, L1B, L1C),
            L2A1,
            L1B,
            span(
                batch(L2A1.hash(), L1A.number(), L1A.hash(), L2A2.time()),
                batch(L2A2.hash(), L1B.number(), L1B.hash(), L2A2.time() + BLOCK_TIME)),
            drop(DropReason.TIMESTAMP_BEFORE_L1_ORIGIN),
            delta),
        c(
            "valid overlapping batch",
            List.of(L1A, L1B),
            L2A2,
            L1B,
            span(batchOf(L2A2), batchOf(L2A3)),
            accept(),
            delta),
        c(
            "longer overlapping batch",
            List.of(L1A, L1B),
            L2A2,
            L1B,
            span(batchOf(L2A1), batchOf(L2A2), batchOf(L2A3)),
            accept(),
            delta),
        c(
            "fully overlapping batch",
            List.of(L1A, L1B),
            L2A2,
            L1B,
            span(batchOf(L2A1), batchOf(L2A2)),
            drop(DropReason.NO_NEW_BLOCKS),
            delta),
        c(
            "fully overlapping batch with Holocene",
            List.of(L1A, L1B),
            L2A2,
            L1B,
            span(batchOf(L2A1), batchOf(L2A2)),
            new BatchValidity.Past(),
            holoceneAt(L1B.time())),
        c(
            "overlapping batch with invalid parent hash",
            List.of(L1A, L1B),
            L2A2,
            L1B,
            span(withParent(batchOf(L2A2), L2A0.hash()), batchOf(L2A3)),
            drop(DropReason.PARENT_HASH_MISMATCH),
            delta),
        c(
            "overlapping batch with invalid origin number",
            List.of(L1A, L1B),
            L2A2,
            L1B,
            span(withEpoch(batchOf(L2A2), L1A.number() + 1, L1A.hash()), batchOf(L2A3)),
            drop(DropReason.OVERLAPPED_L1_ORIGIN_MISMATCH),
            delta),
        c(
            "overlapping batch with invalid tx",
            List.of(L1A, L1B),
            L2A2,
            L1B,
            span(batchOf(L2A2, TX), batchOf(L2A3)),
            drop(DropReason.OVERLAPPED_TRANSACTION_COUNT_MISMATCH),
            delta),
        // Block 99 (the parent of l2A0) answers with an error.
        c(
            "overlapping batch l2 fetcher error",
            List.of(L1A, L1B),
            L2A1,
            L1B,
            span(batchOf(L2A0), batchOf(L2A1), batchOf(L2A2)),
            undecided(UndecidedReason.L2_BLOCK_UNAVAILABLE),
            delta),
        c(
            "short block time",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(
                batch(L2A0.hash(), L1A.number(), L1A.hash(), L2A0.time() + 1),
                batch(L2A1.hash(), L1A.number(), L1A.hash(), L2A1.time() + 1)),
            drop(DropReason.MISALIGNED_SHORT_BLOCK_TIME),
            delta),
        c(
            "misaligned batch",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(
                batch(L2A0.hash(), L1A.number(), L1A.hash(), L2A0.time() - 1),
                batch(L2A1.hash(), L1A.number(), L1A.hash(), L2A1.time())),
            drop(DropReason.MISALIGNED_NOT_OVERLAPPED),
            delta),
        // Block l2A3 answers with an error.
        c(
            "failed to fetch overlapping block payload",
            List.of(L1A, L1B),
            L2A3,
            L1B,
            span(batchOf(L2A3), batchOf(L2B0)),
            undecided(UndecidedReason.L2_BLOCK_UNAVAILABLE),
            delta),
        c(
            "span batch before hard fork",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(batchOf(L2A1, TX)),
            drop(DropReason.SPAN_BATCH_BEFORE_DELTA),
            deltaAt(L1B.time())),
        c(
            "span batch after hard fork",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(batchOf(L2A1, TX)),
            accept(),
            deltaAt(L1A.time())),
        c(
            "different tx overlapping batch",
            List.of(L1B),
            L2B1,
            L1B,
            span(batchOf(L2B1, OTHER_TX), batchOf(L2B2)),
            drop(DropReason.OVERLAPPED_TRANSACTION_MISMATCH),
            delta),
        // Rules of the spec (and kona) beyond op-node's table.
        c(
            "set code tx before Isthmus",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(batchOf(L2A1, bytes(0x04, 1))),
            drop(DropReason.SET_CODE_BEFORE_ISTHMUS),
            delta),
        c(
            "blob tx is of a future type",
            List.of(L1A, L1B),
            L2A0,
            L1B,
            span(batchOf(L2A1, bytes(0x03, 1))),
            drop(DropReason.FUTURE_TRANSACTION_TYPE),
            delta));
  }

  /** The L2 chain op-node's table mocks: blocks A0 to B0 with one L1 info deposit each. */
  static FakeL2Source l2() {
    FakeL2Source l2 = new FakeL2Source();
    for (L2BlockRef b : List.of(L2A0, L2A1, L2A2, L2B0)) {
      l2.add(b, List.of(depositTx(b.l1Origin().number())));
    }
    l2.add(L2B1, List.of(depositTx(L1B.number()), TX));
    l2.fail(L2A0.number() - 1);
    l2.fail(L2A3.number());
    return l2;
  }

  static ProtocolParameters params(UnaryOperator<TestRollupConfig> forks) {
    return new ProtocolParameters(
        forks
            .apply(
                TestRollupConfig.builder()
                    .l2Time(31)
                    .blockTime(BLOCK_TIME)
                    .seqWindowSize(4)
                    .maxSequencerDrift(6))
            .build());
  }

  @ParameterizedTest(name = "singular {0}")
  @MethodSource("singularBatchCases")
  void singularBatch(Case c) {
    BatchValidity got =
        BatchChecks.check(
            params(c.forks()), c.l1Blocks(), c.safeHead(), c.batch(), c.inclusion(), l2());
    assertThat(got).isEqualTo(c.expected());
  }

  @ParameterizedTest(name = "span {0}")
  @MethodSource("spanBatchCases")
  void spanBatch(Case c) {
    BatchValidity got =
        BatchChecks.check(
            params(c.forks()), c.l1Blocks(), c.safeHead(), c.batch(), c.inclusion(), l2());
    assertThat(got).isEqualTo(c.expected());
  }

  /**
   * A span block after the safe head whose L1 origin is older than the safe head's (spec and kona;
   * with well-formed spans op-node drops the same batch by the overlap check).
   */
  @Test
  void spanBlockWithL1OriginBeforeTheSafeHeadsIsDropped() {
    FakeL2Source chain = new FakeL2Source();
    for (L2BlockRef b : List.of(L2A2, L2A3, L2B0)) {
      chain.add(b, List.of(depositTx(b.l1Origin().number())));
    }
    long t = L2B0.time();
    Batch batch =
        span(
            batch(L2A2.hash(), L1A.number(), L1A.hash(), t - 2),
            batch(Hash.ZERO, L1A.number(), L1A.hash(), t),
            batch(Hash.ZERO, L1A.number(), L1A.hash(), t + 2),
            batch(Hash.ZERO, L1B.number(), L1B.hash(), t + 4));
    BatchValidity got =
        BatchChecks.check(params(deltaAtGenesis()), List.of(L1B, L1C), L2B0, batch, L1C, chain);
    assertThat(got).isEqualTo(drop(DropReason.L1_ORIGIN_BEFORE_SAFE_HEAD));
  }
}
