package io.merapi.proposer.games;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.proposer.Fakes;
import io.merapi.service.txmgr.TxCandidate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FastGameResolverTest {
  /** Games in memory; resolve() sent through {@link Fakes.Txs} is applied by {@link #apply}. */
  static final class MemoryGames implements Games {
    final List<Game> games = new ArrayList<>();
    final Map<Address, Integer> status = new HashMap<>();
    final Map<Address, Long> createdAt = new HashMap<>();
    final List<Long> readIndexes = new ArrayList<>();
    long head;

    Address add(long type, long createdAtBlock, int gameStatus) {
      Address proxy = Address.fromHex(String.format("0x%040x", 0x1000 + games.size()));
      games.add(new Game(games.size(), type, proxy));
      status.put(proxy, gameStatus);
      createdAt.put(proxy, createdAtBlock);
      return proxy;
    }

    void apply(List<TxCandidate> sent) {
      sent.forEach(tx -> status.put(tx.to(), DEFENDER_WINS));
    }

    @Override
    public long count() {
      return games.size();
    }

    @Override
    public Game at(long index) {
      readIndexes.add(index);
      return games.get((int) index);
    }

    @Override
    public int status(Address game) {
      return status.get(game);
    }

    @Override
    public long createdAtBlock(Address game) {
      return createdAt.get(game);
    }

    @Override
    public long l1Head() {
      return head;
    }
  }

  private final MemoryGames games = new MemoryGames();
  private final Fakes.Txs txs = new Fakes.Txs();
  private final FastGameResolver resolver = new FastGameResolver(games, txs);

  @Test
  void resolvesAGameOnlyOnceTheL1IsPastItsCreationBlockAndOnlyOnce() throws Exception {
    games.head = 10;
    Address game = games.add(254, 10, Games.IN_PROGRESS);

    assertThat(resolver.step()).as("resolve() would revert in the creation block").isZero();
    assertThat(txs.sent).isEmpty();

    games.head = 11;
    assertThat(resolver.step()).isOne();
    assertThat(txs.sent).hasSize(1);
    assertThat(txs.sent.get(0).to()).isEqualTo(game);
    assertThat(txs.sent.get(0).data()).isEqualTo(FastDisputeGame.resolve().data());
    games.apply(txs.sent);

    games.head = 12;
    assertThat(resolver.step()).isZero();
    assertThat(txs.sent).hasSize(1);
  }

  @Test
  void leavesOtherGameTypesAloneAndResolvesSeveralInOneStep() throws Exception {
    games.head = 20;
    games.add(0, 5, Games.IN_PROGRESS);
    Address a = games.add(254, 6, Games.IN_PROGRESS);
    Address b = games.add(254, 7, Games.IN_PROGRESS);

    assertThat(resolver.step()).isEqualTo(2);
    assertThat(txs.sent).extracting(TxCandidate::to).containsExactly(a, b);
  }

  @Test
  void aRestartedResolverStartsAfterTheNewestResolvedGame() throws Exception {
    games.head = 50;
    for (int i = 0; i < 5; i++) {
      games.add(254, 10 + i, Games.DEFENDER_WINS);
    }
    Address open = games.add(254, 40, Games.IN_PROGRESS);

    assertThat(resolver.step()).isOne();
    assertThat(txs.sent).extracting(TxCandidate::to).containsExactly(open);
    assertThat(games.readIndexes).as("the settled games are not walked").doesNotContain(0L, 3L);
    games.apply(txs.sent);

    games.readIndexes.clear();
    Address next = games.add(254, 49, Games.IN_PROGRESS);
    assertThat(resolver.step()).isOne();
    assertThat(txs.sent.get(1).to()).isEqualTo(next);
    assertThat(games.readIndexes)
        .as("only the game resolved last step (now settled) and the new one")
        .containsExactly(5L, 6L);
  }

  @Test
  void aRestartedResolverResolvesEveryOpenFastGameAfterTheNewestResolvedOneSkippingOtherTypes()
      throws Exception {
    games.head = 9;
    Address old = games.add(254, 1, Games.DEFENDER_WINS);
    Address first = games.add(254, 2, Games.IN_PROGRESS);
    games.add(1, 3, Games.IN_PROGRESS);
    Address second = games.add(254, 4, Games.IN_PROGRESS);

    assertThat(resolver.step()).isEqualTo(2);
    assertThat(txs.sent).extracting(TxCandidate::to).containsExactly(first, second);
    assertThat(txs.sent).extracting(TxCandidate::to).doesNotContain(old);
  }

  @Test
  void aGameThatCannotBeResolvedYetIsCheckedAgainWhileLaterOnesAreResolved() throws Exception {
    games.head = 30;
    games.add(254, 30, Games.IN_PROGRESS); // created in the head block
    assertThat(resolver.step()).isZero();
    games.head = 31;
    games.add(254, 31, Games.IN_PROGRESS);
    assertThat(resolver.step()).isOne();
    games.apply(txs.sent);
    games.head = 32;
    assertThat(resolver.step()).isOne();
    assertThat(txs.sent).hasSize(2);
  }
}
