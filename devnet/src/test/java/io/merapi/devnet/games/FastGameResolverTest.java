package io.merapi.devnet.games;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.service.txmgr.GasPriceEstimate;
import io.merapi.service.txmgr.TxCandidate;
import io.merapi.service.txmgr.TxManager;
import io.merapi.service.txmgr.TxResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class FastGameResolverTest {
  /** Games in a list; resolve() through the fake manager sets DEFENDER_WINS. */
  static final class FakeChain implements GameChain {
    long head;
    final List<DisputeGameFactory.GameAtIndexResult> games = new ArrayList<>();
    final Map<Address, Integer> status = new HashMap<>();
    final Map<Address, Long> createdAt = new HashMap<>();

    Address create(long type, long block) {
      Address proxy = Address.fromHex(String.format("0x%040x", games.size() + 1));
      games.add(new DisputeGameFactory.GameAtIndexResult(type, block * 6, proxy));
      status.put(proxy, IN_PROGRESS);
      createdAt.put(proxy, block);
      return proxy;
    }

    @Override
    public long l1Head() {
      return head;
    }

    @Override
    public long gameCount() {
      return games.size();
    }

    @Override
    public DisputeGameFactory.GameAtIndexResult gameAt(long index) {
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
  }

  static final class FakeManager implements TxManager {
    final FakeChain chain;
    final List<Address> sent = new ArrayList<>();

    FakeManager(FakeChain chain) {
      this.chain = chain;
    }

    @Override
    public Address from() {
      return Address.ZERO;
    }

    @Override
    public TxResult send(TxCandidate candidate) {
      assertThat(candidate.data()).isEqualTo(FastDisputeGame.resolve().data());
      sent.add(candidate.to());
      chain.status.put(candidate.to(), 2);
      return new TxResult(Hash.ZERO, Hash.ZERO, chain.head + 1, true, 0, UInt256.ZERO, 0, 0);
    }

    @Override
    public CompletableFuture<TxResult> sendAsync(TxCandidate candidate) {
      throw new UnsupportedOperationException();
    }

    @Override
    public GasPriceEstimate suggestGasPriceCaps() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {}
  }

  @Test
  void aFastGameIsResolvedOnceItsCreationBlockIsPast() throws Exception {
    FakeChain chain = new FakeChain();
    FakeManager manager = new FakeManager(chain);
    FastGameResolver resolver = new FastGameResolver(chain, manager);
    chain.head = 10;
    assertThat(resolver.poll()).isEmpty();

    Address game = chain.create(254, 10);
    assertThat(resolver.poll()).isEmpty(); // created in the head block: too early
    chain.head = 11;
    assertThat(resolver.poll()).containsExactly(game);
    chain.head = 12;
    assertThat(resolver.poll()).isEmpty();
    assertThat(manager.sent).containsExactly(game);
  }

  @Test
  void otherGameTypesAreLeftAlone() throws Exception {
    FakeChain chain = new FakeChain();
    FakeManager manager = new FakeManager(chain);
    FastGameResolver resolver = new FastGameResolver(chain, manager);
    chain.head = 5;
    resolver.poll();
    chain.create(1, 3);
    chain.head = 9;
    assertThat(resolver.poll()).isEmpty();
    assertThat(manager.sent).isEmpty();
  }

  @Test
  void aRestartedResolverFindsTheGamesStillInProgress() throws Exception {
    FakeChain chain = new FakeChain();
    Address old = chain.create(254, 1);
    chain.status.put(old, 2);
    Address first = chain.create(254, 2);
    chain.create(1, 3);
    Address second = chain.create(254, 4);
    chain.head = 9;
    FakeManager manager = new FakeManager(chain);
    assertThat(new FastGameResolver(chain, manager).poll()).containsExactly(first, second);
    assertThat(manager.sent).doesNotContain(old);
  }
}
