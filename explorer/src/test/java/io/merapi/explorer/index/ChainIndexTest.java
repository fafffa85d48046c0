package io.merapi.explorer.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.explorer.Chain;
import io.merapi.storage.Column;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.types.transaction.TransactionType;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainIndexTest {
  private static final Address ALICE = address(0xa1);
  private static final Address BOB = address(0xb0);
  private static final Address CAROL = address(0xc0);

  private final InMemoryKeyValueStore store = new InMemoryKeyValueStore();
  private final ChainIndex index = ChainIndex.open(store);

  private static Address address(int b) {
    byte[] bytes = new byte[20];
    bytes[19] = (byte) b;
    return Address.wrap(bytes);
  }

  private static Hash hash(String tag, long n) {
    byte[] bytes = new byte[32];
    byte[] t = tag.getBytes();
    System.arraycopy(t, 0, bytes, 0, t.length);
    bytes[31] = (byte) n;
    bytes[30] = (byte) (n >> 8);
    return Hash.wrap(bytes);
  }

  private static IndexedTx tx(String tag, long n, Address from, Address to) {
    return new IndexedTx(
        hash(tag + "tx", n),
        TransactionType.DYNAMIC_FEE,
        from,
        Optional.ofNullable(to),
        UInt256.valueOf(n));
  }

  /** A chain of blocks {@code from..to} on fork {@code fork}, each with the given transactions. */
  private static IndexedBlock block(String fork, long n, Hash parent, List<IndexedTx> txs) {
    return new IndexedBlock(n, hash(fork, n), parent, 1_000 + n * 2, txs);
  }

  @Test
  void blocksTransactionsAndAddressHistoryCanBeFound() {
    IndexedBlock b5 = block("a", 5, hash("a", 4), List.of(tx("a", 50, ALICE, BOB)));
    IndexedBlock b6 =
        block("a", 6, b5.hash(), List.of(tx("a", 60, BOB, CAROL), tx("a", 61, ALICE, null)));
    index.append(Chain.L2, b5);
    index.append(Chain.L2, b6);

    assertThat(index.head(Chain.L2)).contains(b6);
    assertThat(index.start(Chain.L2)).hasValue(5);
    assertThat(index.block(Chain.L2, 5)).contains(b5);
    assertThat(index.head(Chain.L1)).isEmpty();
    assertThat(index.transaction(Chain.L2, hash("atx", 61)))
        .contains(new TxLocation(hash("atx", 61), 6, 1));
    assertThat(index.transaction(Chain.L1, hash("atx", 61))).isEmpty();

    // Newest first, each transaction under its sender and its recipient.
    assertThat(index.transactionsOf(Chain.L2, ALICE, 10))
        .containsExactly(
            new TxLocation(hash("atx", 61), 6, 1), new TxLocation(hash("atx", 50), 5, 0));
    assertThat(index.transactionsOf(Chain.L2, BOB, 10))
        .extracting(TxLocation::transactionHash)
        .containsExactly(hash("atx", 60), hash("atx", 50));
    assertThat(index.transactionsOf(Chain.L2, ALICE, 1)).hasSize(1);
    assertThat(index.transactionsOf(Chain.L1, ALICE, 10)).isEmpty();
    assertThat(index.latest(Chain.L2, 10)).containsExactly(b6, b5);
  }

  @Test
  void aTransactionToItsSenderIsListedOnce() {
    index.append(Chain.L1, block("a", 0, Hash.ZERO, List.of(tx("a", 1, ALICE, ALICE))));

    assertThat(index.transactionsOf(Chain.L1, ALICE, 10)).hasSize(1);
  }

  @Test
  void aBlockThatDoesNotExtendTheHeadIsRefused() {
    IndexedBlock b1 = block("a", 1, hash("a", 0), List.of());
    index.append(Chain.L2, b1);

    assertThatThrownBy(() -> index.append(Chain.L2, block("a", 3, hash("a", 2), List.of())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not extend");
    assertThatThrownBy(() -> index.append(Chain.L2, block("b", 2, hash("b", 1), List.of())))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aRewindForgetsTheReplacedBlocksAndTheirEntries() {
    IndexedBlock b1 = block("a", 1, hash("a", 0), List.of(tx("a", 10, ALICE, BOB)));
    IndexedBlock b2 = block("a", 2, b1.hash(), List.of(tx("a", 20, ALICE, CAROL)));
    IndexedBlock b3 = block("a", 3, b2.hash(), List.of(tx("a", 30, CAROL, BOB)));
    index.append(Chain.L2, b1);
    index.append(Chain.L2, b2);
    index.append(Chain.L2, b3);

    index.rewindTo(Chain.L2, 1);

    assertThat(index.head(Chain.L2)).contains(b1);
    assertThat(index.block(Chain.L2, 2)).isEmpty();
    assertThat(index.transaction(Chain.L2, hash("atx", 20))).isEmpty();
    assertThat(index.transactionsOf(Chain.L2, CAROL, 10)).isEmpty();
    assertThat(index.transactionsOf(Chain.L2, ALICE, 10))
        .extracting(TxLocation::transactionHash)
        .containsExactly(hash("atx", 10));

    // The other fork goes on from the kept block.
    IndexedBlock b2b = block("b", 2, b1.hash(), List.of(tx("b", 20, BOB, ALICE)));
    index.append(Chain.L2, b2b);
    assertThat(index.transactionsOf(Chain.L2, ALICE, 10))
        .extracting(TxLocation::transactionHash)
        .containsExactly(hash("btx", 20), hash("atx", 10));
  }

  @Test
  void aRewindBelowTheFirstBlockEmptiesTheChainsIndex() {
    IndexedBlock b7 = block("a", 7, hash("a", 6), List.of(tx("a", 70, ALICE, BOB)));
    index.append(Chain.L2, b7);
    index.append(Chain.L1, block("a", 7, hash("a", 6), List.of()));

    index.rewindTo(Chain.L2, 3);

    assertThat(index.head(Chain.L2)).isEmpty();
    assertThat(index.start(Chain.L2)).isEmpty();
    assertThat(index.transactionsOf(Chain.L2, ALICE, 10)).isEmpty();
    assertThat(index.head(Chain.L1)).isPresent();
    // Following starts anew at any height.
    index.append(Chain.L2, block("c", 2, hash("c", 1), List.of()));
    assertThat(index.start(Chain.L2)).hasValue(2);
  }

  @Test
  void theIndexReopensWhereItWasAndRefusesAnotherLayout() {
    IndexedBlock b0 = block("a", 0, Hash.ZERO, List.of(tx("a", 1, ALICE, BOB)));
    index.append(Chain.L1, b0);

    assertThat(ChainIndex.open(store).head(Chain.L1)).contains(b0);
    assertThat(ChainIndex.otherLayout(store)).isEmpty();
    assertThat(ChainIndex.otherLayout(new InMemoryKeyValueStore())).isEmpty();

    store.put(Column.METADATA, ChainIndex.LAYOUT_KEY, new byte[] {99});
    assertThat(ChainIndex.otherLayout(store)).contains(99);
    assertThatThrownBy(() -> ChainIndex.open(store))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("layout");
  }

  @Test
  void blocksSurviveTheirEncoding() {
    IndexedBlock block =
        block(
            "z", 1L << 40, hash("z", 1), List.of(tx("z", 1, ALICE, null), tx("z", 2, BOB, CAROL)));

    assertThat(ChainIndex.decodeBlock(block.number(), ChainIndex.encodeBlock(block)))
        .isEqualTo(block);
  }

  @Test
  void aCachedOriginIsFoundForItsBlockOnlyAndReorgsOfEitherChainDropIt() {
    Hash prev = hash("a", 0);
    for (long n = 1; n <= 10; n++) {
      IndexedBlock b = block("a", n, prev, List.of());
      index.append(Chain.L2, b);
      index.append(Chain.L1, block("l", n, n == 1 ? hash("l", 0) : hash("l", n - 1), List.of()));
      prev = b.hash();
    }
    CarriedBy at4 = new CarriedBy(hash("a", 4), 6, hash("l", 6), List.of(hash("batch", 1)));
    CarriedBy at5 = new CarriedBy(hash("a", 5), 7, hash("l", 7), List.of(hash("batch", 2)));
    CarriedBy at8 =
        new CarriedBy(hash("a", 8), 9, hash("l", 9), List.of(hash("batch", 3), hash("batch", 4)));
    index.putCarriedBy(4, at4);
    index.putCarriedBy(5, at5);
    index.putCarriedBy(8, at8);

    assertThat(index.carriedBy(8, hash("a", 8))).contains(at8);
    // Another block at that height (a reorg the follower has not seen yet) misses.
    assertThat(index.carriedBy(8, hash("b", 8))).isEmpty();

    // An L2 reorg above block 6 drops the origin of block 8 only.
    index.rewindTo(Chain.L2, 6);
    assertThat(index.carriedBy(8, hash("a", 8))).isEmpty();
    assertThat(index.carriedBy(5, hash("a", 5))).contains(at5);

    // An L1 reorg above block 6 drops every origin in a dropped L1 block: block 5's (L1 block 7).
    index.rewindTo(Chain.L1, 6);
    assertThat(index.carriedBy(5, hash("a", 5))).isEmpty();
    assertThat(index.carriedBy(4, hash("a", 4))).contains(at4);
  }

  @Test
  void aBlockMarkedNotIndexedKeepsItsPlaceAndTheChainGoesOn() {
    IndexedBlock b5 = block("a", 5, hash("a", 4), List.of(tx("a", 50, ALICE, BOB)));
    IndexedBlock marker = IndexedBlock.notIndexed(6, hash("a", 6), b5.hash(), 1_012);
    index.append(Chain.L2, b5);
    index.append(Chain.L2, marker);
    assertThat(index.block(Chain.L2, 6)).contains(marker);
    assertThat(index.block(Chain.L2, 6).orElseThrow().complete()).isFalse();
    assertThat(index.block(Chain.L2, 5).orElseThrow().complete()).isTrue();

    // Without even a hash, the next block is taken on trust.
    IndexedBlock unknown = IndexedBlock.notIndexed(7, Hash.ZERO, Hash.ZERO, 0);
    index.append(Chain.L2, unknown);
    IndexedBlock b8 = block("a", 8, hash("a", 7), List.of());
    index.append(Chain.L2, b8);
    assertThat(index.head(Chain.L2)).contains(b8);
  }
}
