package io.merapi.explorer.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.explorer.Chain;
import io.merapi.explorer.source.BlockSource;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.types.block.Header;
import io.merapi.types.json.RpcBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The follower's rounds run by hand against a chain the test grows, forks and rewinds. */
class FollowerTest {
  /** A node's canonical chain: block n at index n; forks differ in their extra data. */
  private static final class FakeChain implements BlockSource {
    final List<RpcBlock> blocks = new ArrayList<>();
    final java.util.Set<Long> unreadable = new java.util.HashSet<>();
    int unreadableReads;

    FakeChain(String fork, int count) {
      extend(fork, count);
    }

    void extend(String fork, int count) {
      for (int i = 0; i < count; i++) {
        long n = blocks.size();
        Hash parent = n == 0 ? Hash.ZERO : blocks.getLast().header().hash();
        Header header =
            Header.builder()
                .number(n)
                .parentHash(parent)
                .timestamp(1_000 + 2 * n)
                .gasLimit(30_000_000)
                .extraData(Bytes.wrap(fork.getBytes()))
                .build();
        blocks.add(
            new RpcBlock(header, 0, new RpcBlock.Hashes(List.of()), List.of(), Optional.empty()));
      }
    }

    /** Drops every block above {@code number}, as {@code debug_setHead} does. */
    void setHead(long number) {
      while (blocks.size() > number + 1) {
        blocks.removeLast();
      }
    }

    Hash hash(long n) {
      return blocks.get((int) n).header().hash();
    }

    @Override
    public Chain chain() {
      return Chain.L2;
    }

    @Override
    public long blockNumber() {
      return blocks.size() - 1;
    }

    @Override
    public Optional<RpcBlock> block(long number) {
      if (unreadable.contains(number)) {
        unreadableReads++;
        throw new RpcTransportException(
            RpcTransportException.Kind.BAD_RESPONSE,
            "L2 answered a block that cannot be read",
            null);
      }
      return number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
    }

    @Override
    public Optional<RpcBlock> blockHeader(long number) {
      return number < blocks.size() ? Optional.of(blocks.get((int) number)) : Optional.empty();
    }

    @Override
    public Optional<Hash> blockHash(long number) {
      return block(number).map(b -> b.header().hash());
    }
  }

  private final ChainIndex index = ChainIndex.open(new InMemoryKeyValueStore());

  @Test
  void anEmptyIndexStartsBackfillBlocksBelowTheHeadAndFollowsNewBlocks() {
    FakeChain chain = new FakeChain("a", 11);
    Follower follower = Follower.manual(chain, index, 3);

    assertThat(follower.round()).isTrue();
    assertThat(index.start(Chain.L2)).hasValue(7);
    assertThat(index.head(Chain.L2).orElseThrow().hash()).isEqualTo(chain.hash(10));

    chain.extend("a", 2);
    assertThat(follower.round()).isTrue();
    assertThat(index.head(Chain.L2).orElseThrow().number()).isEqualTo(12);
    assertThat(index.block(Chain.L2, 11).orElseThrow().timestamp()).isEqualTo(1_022);
  }

  @Test
  void aReorgIsUndoneBackToTheCommonBlockAndTheNewForkIndexed() {
    FakeChain chain = new FakeChain("a", 12);
    Follower follower = Follower.manual(chain, index, 100);
    follower.round();
    Hash oldNine = chain.hash(9);

    chain.setHead(8);
    chain.extend("b", 6); // blocks 9..14 of fork b
    assertThat(follower.round()).isTrue();

    assertThat(index.head(Chain.L2).orElseThrow().number()).isEqualTo(14);
    assertThat(index.block(Chain.L2, 9).orElseThrow().hash())
        .isEqualTo(chain.hash(9))
        .isNotEqualTo(oldNine);
    assertThat(index.block(Chain.L2, 8).orElseThrow().hash()).isEqualTo(chain.hash(8));
    assertThat(index.start(Chain.L2)).hasValue(0);
  }

  @Test
  void aHeadThatMovesBackIsFollowedDown() {
    FakeChain chain = new FakeChain("a", 10);
    Follower follower = Follower.manual(chain, index, 100);
    follower.round();

    chain.setHead(5);
    assertThat(follower.round()).isTrue();
    assertThat(index.head(Chain.L2).orElseThrow().number()).isEqualTo(5);
    assertThat(index.block(Chain.L2, 6)).isEmpty();

    chain.extend("c", 2);
    follower.round();
    assertThat(index.head(Chain.L2).orElseThrow().hash()).isEqualTo(chain.hash(7));
  }

  @Test
  void aLongWayBehindIsCaughtUpInBoundedRounds() {
    FakeChain chain = new FakeChain("a", Follower.MAX_BLOCKS_PER_ROUND + 50);
    Follower follower = Follower.manual(chain, index, 1_000);

    assertThat(follower.round()).isFalse();
    assertThat(index.head(Chain.L2).orElseThrow().number())
        .isEqualTo(Follower.MAX_BLOCKS_PER_ROUND - 1);
    assertThat(follower.round()).isTrue();
    assertThat(index.head(Chain.L2).orElseThrow().number()).isEqualTo(chain.blockNumber());
  }

  @Test
  void blockEntriesKeepTheBlocksPlaceAndTime() {
    FakeChain chain = new FakeChain("a", 3);

    IndexedBlock entry = Follower.entry(chain.blocks.get(2));

    assertThat(entry.number()).isEqualTo(2);
    assertThat(entry.hash()).isEqualTo(chain.hash(2));
    assertThat(entry.parentHash()).isEqualTo(chain.hash(1));
    assertThat(entry.timestamp()).isEqualTo(1_004);
    assertThat(entry.transactions()).isEmpty();
  }

  @Test
  void aBlockThatCannotBeReadIsMarkedNotIndexedOnceAndFollowingGoesOn() {
    FakeChain chain = new FakeChain("a", 8);
    chain.unreadable.add(4L);
    Follower follower = Follower.manual(chain, index, 1_000);

    assertThat(follower.round()).isTrue();
    assertThat(index.head(Chain.L2).orElseThrow().number()).isEqualTo(7);
    IndexedBlock marker = index.block(Chain.L2, 4).orElseThrow();
    assertThat(marker.complete()).isFalse();
    assertThat(marker.hash()).isEqualTo(chain.hash(4));
    assertThat(index.block(Chain.L2, 5).orElseThrow().complete()).isTrue();

    // Later rounds leave the marker alone instead of reading the block again and again.
    chain.extend("a", 3);
    assertThat(follower.round()).isTrue();
    assertThat(follower.round()).isTrue();
    assertThat(chain.unreadableReads).isEqualTo(1);
    assertThat(index.head(Chain.L2).orElseThrow().number()).isEqualTo(10);
  }
}
