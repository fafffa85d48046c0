package io.merapi.execution.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Hash;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.types.block.Block;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockchainTest {
  private final TestChain test = new TestChain(8);

  private Blockchain newChain(InMemoryKeyValueStore store) {
    return Blockchain.initialize(store, test.genesis);
  }

  /** Builds {@code count} blocks on {@code parent}, storing each (as head if asked). */
  private List<Block> extend(Blockchain chain, Hash parent, int count, long seed, boolean asHead) {
    Random random = new Random(seed);
    List<Block> blocks = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SealedBlock sealed = test.build(chain, parent, random, 6);
      chain.importSealed(sealed, asHead);
      blocks.add(sealed.block());
      parent = sealed.hash();
    }
    return blocks;
  }

  @Test
  void importedBlocksExecuteToTheBuiltRootsAndReadBack() {
    InMemoryKeyValueStore builtStore = new InMemoryKeyValueStore();
    Blockchain built = newChain(builtStore);
    List<Block> blocks = extend(built, built.genesis().hash(), 6, 1, true);

    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    Blockchain chain = newChain(store);
    for (Block block : blocks) {
      ImportResult result = chain.importBlockAsHead(block);
      assertThat(result).isInstanceOf(ImportResult.Imported.class);
      assertThat(((ImportResult.Imported) result).receipts())
          .isEqualTo(built.receipts(block.hash()).orElseThrow());
    }
    assertThat(chain.head()).isEqualTo(built.head());
    assertThat(chain.importBlockAsHead(blocks.get(2)))
        .isInstanceOf(ImportResult.AlreadyKnown.class);
    assertThat(chain.head().number()).isEqualTo(3);
    chain.setHead(blocks.get(5).hash());

    Block third = blocks.get(2);
    assertThat(chain.block(3)).contains(third);
    assertThat(chain.header(third.hash())).contains(third.header());
    assertThat(chain.canonicalHash(3)).contains(third.hash());
    Transaction tx = third.transactions().get(4);
    assertThat(chain.transactionLocation(tx.hash()))
        .contains(new TransactionLocation(third.hash(), 3, 4));
    assertThat(chain.receipts(third.hash()).orElseThrow()).hasSize(6);
    FlatStateCheck.verify(store, chain.head().header().stateRoot());

    // The state of an older block through its tries, the head's through the flat view.
    var older = chain.stateAt(blocks.get(0).hash()).orElseThrow();
    var head = chain.headState();
    var sender = third.transactions().get(0).sender();
    assertThat(older.account(sender).orElseThrow().nonce())
        .isLessThanOrEqualTo(head.account(sender).orElseThrow().nonce());

    // Reopening finds the same head.
    assertThat(Blockchain.open(store).head()).isEqualTo(chain.head());
  }

  @Test
  void reorgsMoveTheFlatStateAndTheIndexes() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    Blockchain chain = newChain(store);
    List<HeadChange> events = new ArrayList<>();
    chain.addHeadListener(events::add);
    List<Block> a = extend(chain, chain.genesis().hash(), 5, 2, true);
    // A side branch from block 2, longer than the canonical chain; executed on tries.
    List<Block> b = extend(chain, a.get(1).hash(), 5, 3, false);
    assertThat(chain.head().hash()).isEqualTo(a.get(4).hash());
    assertThat(events).hasSize(5);

    chain.setHead(b.get(4).hash());
    HeadChange reorg = events.get(events.size() - 1);
    assertThat(reorg.removed())
        .extracting(ChainHead::hash)
        .containsExactly(a.get(4).hash(), a.get(3).hash(), a.get(2).hash());
    assertThat(reorg.added())
        .extracting(ChainHead::hash)
        .containsExactlyElementsOf(b.stream().map(Block::hash).toList());
    assertThat(chain.canonicalHash(3)).contains(b.get(0).hash());
    assertThat(chain.canonicalHash(7)).contains(b.get(4).hash());
    for (Transaction tx : a.get(3).transactions()) {
      assertThat(chain.transactionLocation(tx.hash())).isEmpty();
    }
    assertThat(chain.transactionLocation(b.get(1).transactions().get(0).hash()))
        .map(TransactionLocation::blockHash)
        .contains(b.get(1).hash());
    FlatStateCheck.verify(store, chain.head().header().stateRoot());

    // And back to the shorter branch: heights above it leave the canonical index.
    chain.setHead(a.get(4).hash());
    assertThat(chain.canonicalHash(6)).isEmpty();
    assertThat(chain.canonicalHash(3)).contains(a.get(2).hash());
    FlatStateCheck.verify(store, chain.head().header().stateRoot());

    // A new block on the side branch's tip executes on its tries and matches a fresh import.
    List<Block> c = extend(chain, b.get(4).hash(), 1, 4, true);
    assertThat(chain.head().hash()).isEqualTo(c.get(0).hash());
    FlatStateCheck.verify(store, chain.head().header().stateRoot());
  }

  @Test
  void forkChoiceLabelsMustBeCanonical() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    Blockchain chain = newChain(store);
    List<Block> a = extend(chain, chain.genesis().hash(), 4, 5, true);
    List<Block> b = extend(chain, a.get(0).hash(), 2, 6, false);

    chain.forkChoice(a.get(3).hash(), Optional.of(a.get(2).hash()), Optional.of(a.get(1).hash()));
    assertThat(chain.safe().map(ChainHead::hash)).contains(a.get(2).hash());
    assertThat(chain.finalized().map(ChainHead::hash)).contains(a.get(1).hash());

    assertThatThrownBy(
            () -> chain.forkChoice(a.get(3).hash(), Optional.of(b.get(0).hash()), Optional.empty()))
        .isInstanceOf(InvalidForkChoiceException.class);
    // Labels on the branch being switched to are fine, in the same atomic step.
    chain.forkChoice(b.get(1).hash(), Optional.of(b.get(0).hash()), Optional.of(a.get(0).hash()));
    Blockchain reopened = Blockchain.open(store);
    assertThat(reopened.head().hash()).isEqualTo(b.get(1).hash());
    assertThat(reopened.safe().map(ChainHead::hash)).contains(b.get(0).hash());
    assertThat(reopened.finalized().map(ChainHead::hash)).contains(a.get(0).hash());
    assertThatThrownBy(() -> chain.setHead(Hash.ZERO)).isInstanceOf(UnknownBlockException.class);
  }

  @Test
  void invalidBlocksAreRefusedAndNotStored() {
    InMemoryKeyValueStore builtStore = new InMemoryKeyValueStore();
    Blockchain built = newChain(builtStore);
    Block good = extend(built, built.genesis().hash(), 1, 7, true).get(0);

    Blockchain chain = newChain(new InMemoryKeyValueStore());
    Block badRoot = new Block(good.header().toBuilder().stateRoot(Hash.ZERO).build(), good.body());
    assertThatThrownBy(() -> chain.importBlockAsHead(badRoot))
        .isInstanceOf(InvalidBlockException.class)
        .hasMessageContaining("invalid merkle root");
    Block badGas = new Block(good.header().toBuilder().gasUsed(1).build(), good.body());
    assertThatThrownBy(() -> chain.importBlockAsHead(badGas))
        .isInstanceOf(InvalidBlockException.class);
    Block orphan = new Block(good.header().toBuilder().parentHash(Hash.ZERO).build(), good.body());
    assertThatThrownBy(() -> chain.importBlockAsHead(orphan))
        .isInstanceOf(UnknownBlockException.class);
    assertThat(chain.contains(badRoot.hash())).isFalse();
    assertThat(chain.head()).isEqualTo(chain.genesis());
    chain.importBlockAsHead(good);
    assertThat(chain.head().hash()).isEqualTo(good.hash());
  }

  private static BlockAttributes next(ChainHead parent) {
    return new BlockAttributes(
        parent.header().timestamp() + 1,
        TestChain.COINBASE,
        Hash.ZERO,
        parent.header().gasLimit(),
        io.merapi.base.bytes.Bytes.EMPTY,
        Optional.of(List.of()),
        Optional.of(Hash.ZERO));
  }

  @Test
  void aBlockBuiltOnTheHeadStaysValidWhenOnlyTheSafeAndFinalizedLabelsMove() {
    Blockchain chain = newChain(new InMemoryKeyValueStore());
    List<Block> blocks = extend(chain, chain.genesis().hash(), 2, 10, true);
    BlockBuilder building = chain.newBlock(chain.head().hash(), next(chain.head()));
    chain.forkChoice(
        chain.head().hash(), Optional.of(blocks.get(1).hash()), Optional.of(blocks.get(0).hash()));
    assertThat(building.seal().block().header().parentHash()).isEqualTo(blocks.get(1).hash());
  }

  @Test
  void aBlockBuiltOnTheHeadIsRefusedIfTheHeadMovedMeanwhile() {
    Blockchain chain = newChain(new InMemoryKeyValueStore());
    Hash genesis = chain.genesis().hash();
    BlockBuilder stale = chain.newBlock(genesis, next(chain.genesis()));
    extend(chain, genesis, 1, 8, true);
    assertThatThrownBy(stale::seal)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("head moved");
    // Built on a block that is not the head (read through its tries), it does not matter.
    SealedBlock sibling = test.build(chain, genesis, new Random(9), 2);
    assertThat(chain.importSealed(sibling, false)).isInstanceOf(ImportResult.Imported.class);
  }

  @Test
  void aDifferentGenesisIsRefused() {
    InMemoryKeyValueStore store = new InMemoryKeyValueStore();
    newChain(store);
    TestChain other = new TestChain(3);
    assertThatThrownBy(() -> Blockchain.initialize(store, other.genesis))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("another genesis");
  }
}
