package io.merapi.derive.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.SystemConfigUpdates;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.testing.Blocks;
import io.merapi.derive.testing.TestRollupConfig;
import io.merapi.types.block.Header;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** L1 traversal (op-node's l1_traversal_test.go): one block at a time, reorgs, config updates. */
class L1TraversalTest {
  final RollupConfig config = TestRollupConfig.builder().build();
  final L1BlockRef a = new L1BlockRef(Blocks.hash("a"), 10, Blocks.hash("a parent"), 100);
  final L1BlockRef b = Blocks.next(a, "b", 12);
  final Map<Long, L1BlockRef> chain = new HashMap<>(Map.of(10L, a));
  final Map<Hash, List<Receipt>> receipts = new HashMap<>();

  final L1Source l1 =
      new L1Source() {
        @Override
        public Optional<L1BlockRef> blockRefByNumber(long number) {
          return Optional.ofNullable(chain.get(number));
        }

        @Override
        public L1BlockRef blockRefByHash(Hash hash) {
          throw new UnsupportedOperationException();
        }

        @Override
        public Header headerByHash(Hash hash) {
          throw new UnsupportedOperationException();
        }

        @Override
        public List<Transaction> transactionsByHash(Hash hash) {
          throw new UnsupportedOperationException();
        }

        @Override
        public List<Receipt> receiptsByHash(Hash hash) {
          return receipts.getOrDefault(hash, List.of());
        }
      };

  L1Traversal traversal() {
    L1Traversal t = new L1Traversal(config, l1, a, config.genesis().systemConfig());
    t.signal(new Signal.Reset(a, config.genesis().systemConfig()));
    return t;
  }

  @Test
  void nextBlockOnceThenEof() {
    L1Traversal t = traversal();
    assertThat(t.nextL1Block())
        .isEqualTo(
            StageResult.ready(new L1Traversal.TraversedBlock(a, config.genesis().systemConfig())));
    assertThat(t.nextL1Block()).isInstanceOf(StageResult.Eof.class);
    assertThat(t.nextL1Block()).isInstanceOf(StageResult.Eof.class);
  }

  @Test
  void advanceWaitsForTheNextBlock() {
    L1Traversal t = traversal();
    assertThat(t.advanceL1Block()).isFalse();
    assertThat(t.origin()).isEqualTo(a);
    chain.put(11L, b);
    assertThat(t.advanceL1Block()).isTrue();
    assertThat(t.origin()).isEqualTo(b);
    assertThat(t.nextL1Block().isReady()).isTrue();
  }

  @Test
  void aNextBlockOnAnotherParentIsAReorg() {
    L1Traversal t = traversal();
    chain.put(11L, new L1BlockRef(Blocks.hash("x"), 11, Blocks.hash("not a"), 112));
    assertThatThrownBy(t::advanceL1Block).isInstanceOf(DerivationException.Reset.class);
    assertThat(t.origin()).isEqualTo(a);
  }

  /**
   * A batcher change logged in a block applies to the batcher transactions of that same block; a
   * failed transaction's logs do not count.
   */
  @Test
  void systemConfigUpdatesApplyFromTheirBlock() {
    L1Traversal t = traversal();
    Address newBatcher = Address.fromHex("0x00000000000000000000000000000000000000b2");
    Address failedBatcher = Address.fromHex("0x00000000000000000000000000000000000000f0");
    chain.put(11L, b);
    receipts.put(
        b.hash(),
        List.of(
            Receipt.of(
                TransactionType.DYNAMIC_FEE, true, 50_000, List.of(batcherUpdate(newBatcher))),
            Receipt.of(
                TransactionType.DYNAMIC_FEE,
                false,
                90_000,
                List.of(batcherUpdate(failedBatcher)))));
    t.advanceL1Block();
    assertThat(t.systemConfig().batcherAddr()).isEqualTo(newBatcher);
    StageResult<L1Traversal.TraversedBlock> next = t.nextL1Block();
    assertThat(
            ((StageResult.Ready<L1Traversal.TraversedBlock>) next)
                .value()
                .systemConfig()
                .batcherAddr())
        .isEqualTo(newBatcher);
  }

  Log batcherUpdate(Address batcher) {
    byte[] data = new byte[96];
    data[31] = 0x20;
    data[63] = 0x20;
    System.arraycopy(batcher.toArray(), 0, data, 64 + 12, 20);
    return new Log(
        config.l1SystemConfigAddress(),
        List.of(
            SystemConfigUpdates.CONFIG_UPDATE_TOPIC,
            SystemConfigUpdates.VERSION_0,
            SystemConfigUpdates.UpdateType.BATCHER.topic()),
        Bytes.wrap(data));
  }
}
