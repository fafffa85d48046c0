package io.merapi.derive.stage;

import static io.merapi.derive.testing.Blocks.depositTx;
import static io.merapi.derive.testing.Blocks.userTx;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.testing.Blocks;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/**
 * The attributes queue (op-node's attributes_queue_test.go): the builder's deposits then the
 * batch's transactions with {@code noTxPool}; sanity checks; the deposits-only replacement.
 */
class AttributesQueueTest {
  final RollupConfig config = TestRollupConfig.builder().build();
  final L1BlockRef epoch = new L1BlockRef(Blocks.hash("l1"), 5, Blocks.hash("l0"), 60);
  final L2BlockRef parent =
      new L2BlockRef(Blocks.hash("parent"), 9, Blocks.hash("pp"), 70, epoch.id(), 2);
  final Deque<StageResult<NextBatch>> batches = new ArrayDeque<>();
  int flushes;
  int builds;

  final AttributesQueue queue =
      new AttributesQueue(
          config,
          p -> batches.isEmpty() ? StageResult.eof() : batches.poll(),
          () -> epoch,
          (p, e) -> {
            builds++;
            return new PayloadAttributes(
                p.time() + 2,
                Hash.ZERO,
                Address.ZERO,
                Optional.of(List.of()),
                Optional.empty(),
                List.of(depositTx(1), depositTx(2)),
                false,
                OptionalLong.of(30_000_000),
                Optional.empty(),
                Optional.empty());
          },
          () -> flushes++);

  SingularBatch batch(Hash parentHash, long timestamp, Bytes... txs) {
    return new SingularBatch(parentHash, epoch.number(), epoch.hash(), timestamp, List.of(txs));
  }

  @Test
  void depositsThenBatchTransactionsWithNoTxPool() {
    batches.add(StageResult.ready(new NextBatch(batch(parent.hash(), 72, userTx(1)), true)));
    StageResult<AttributesWithParent> got = queue.nextAttributes(parent);
    AttributesWithParent a = ((StageResult.Ready<AttributesWithParent>) got).value();
    assertThat(a.attributes().transactions())
        .containsExactly(depositTx(1), depositTx(2), userTx(1));
    assertThat(a.attributes().noTxPool()).isTrue();
    assertThat(a.parent()).isEqualTo(parent);
    assertThat(a.derivedFrom()).isEqualTo(epoch);
    assertThat(a.concluding()).isTrue();
    assertThat(queue.nextAttributes(parent)).isInstanceOf(StageResult.Eof.class);
  }

  @Test
  void aBatchOnAnotherParentOrTimeIsAResetError() {
    batches.add(StageResult.ready(new NextBatch(batch(Blocks.hash("other"), 72), true)));
    assertThatThrownBy(() -> queue.nextAttributes(parent))
        .isInstanceOf(DerivationException.Reset.class);
    AttributesQueue fresh = freshQueue();
    batches.add(StageResult.ready(new NextBatch(batch(parent.hash(), 74), true)));
    assertThatThrownBy(() -> fresh.nextAttributes(parent))
        .isInstanceOf(DerivationException.Reset.class);
  }

  AttributesQueue freshQueue() {
    return new AttributesQueue(
        config,
        p -> batches.isEmpty() ? StageResult.eof() : batches.poll(),
        () -> epoch,
        (p, e) -> {
          throw new AssertionError("not reached");
        },
        () -> {});
  }

  /** A builder that fails temporarily keeps the batch for the next call. */
  @Test
  void theBatchWaitsForATemporaryBuilderFailure() {
    boolean[] fail = {true};
    AttributesQueue q =
        new AttributesQueue(
            config,
            p -> batches.isEmpty() ? StageResult.eof() : batches.poll(),
            () -> epoch,
            (p, e) -> {
              if (fail[0]) {
                fail[0] = false;
                throw new DerivationException.Temporary("L1 receipts not there yet");
              }
              return PayloadAttributes.of(
                  p.time() + 2, Hash.ZERO, Address.ZERO, Optional.empty(), Optional.empty());
            },
            () -> {});
    batches.add(StageResult.ready(new NextBatch(batch(parent.hash(), 72, userTx(1)), true)));
    assertThatThrownBy(() -> q.nextAttributes(parent))
        .isInstanceOf(DerivationException.Temporary.class);
    assertThat(q.nextAttributes(parent).isReady()).isTrue();
  }

  /** The deposits-only replacement: same fields, deposits only, and the channel is flushed. */
  @Test
  void depositsOnly() {
    batches.add(StageResult.ready(new NextBatch(batch(parent.hash(), 72, userTx(1)), true)));
    AttributesWithParent a =
        ((StageResult.Ready<AttributesWithParent>) queue.nextAttributes(parent)).value();
    AttributesWithParent deposits = queue.depositsOnlyAttributes(parent.id(), epoch);
    assertThat(deposits.attributes())
        .isEqualTo(a.attributes().withTransactions(List.of(depositTx(1), depositTx(2))));
    assertThat(deposits.isDepositsOnly()).isTrue();
    assertThat(a.isDepositsOnly()).isFalse();
    assertThat(flushes).isEqualTo(1);
  }

  @Test
  void depositsOnlyMustMatchTheLastAttributes() {
    assertThatThrownBy(() -> queue.depositsOnlyAttributes(parent.id(), epoch))
        .isInstanceOf(DerivationException.Critical.class)
        .hasMessageContaining("no attributes");
    batches.add(StageResult.ready(new NextBatch(batch(parent.hash(), 72), true)));
    queue.nextAttributes(parent);
    assertThatThrownBy(
            () -> queue.depositsOnlyAttributes(new RollupConfig.BlockId(Hash.ZERO, 9), epoch))
        .isInstanceOf(DerivationException.Critical.class)
        .hasMessageContaining("parent");
    assertThatThrownBy(
            () -> queue.depositsOnlyAttributes(parent.id(), Blocks.next(epoch, "other", 12)))
        .isInstanceOf(DerivationException.Critical.class)
        .hasMessageContaining("L1 origin");
    // A reset forgets the last attributes.
    queue.signal(new Signal.Reset(epoch, config.genesis().systemConfig()));
    assertThatThrownBy(() -> queue.depositsOnlyAttributes(parent.id(), epoch))
        .isInstanceOf(DerivationException.Critical.class);
    assertThat(flushes).isZero();
  }
}
