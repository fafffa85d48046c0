package io.merapi.execution.txpool;

import static io.merapi.execution.testing.ChainFixture.GWEI;
import static io.merapi.execution.testing.ChainFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.execution.testing.ChainFixture;
import io.merapi.execution.txpool.TxPoolException.Reason;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransactionPoolTest {
  private final ChainFixture fixture = new ChainFixture(6);
  private final Secp256k1.PrivateKey alice = fixture.keys.get(0);
  private final Secp256k1.PrivateKey bob = fixture.keys.get(1);

  private TransactionPool pool(TxPoolConfig config) {
    return TransactionPool.create(fixture.chain, config);
  }

  private TransactionPool pool() {
    return pool(TxPoolConfig.defaults());
  }

  private static Transaction tx(Secp256k1.PrivateKey key, long nonce, long tipGwei, long capGwei) {
    return transfer(key, nonce, tipGwei * GWEI, capGwei * GWEI);
  }

  private static void assertRefused(TransactionPool pool, Transaction tx, Reason reason) {
    assertThatThrownBy(() -> pool.add(tx))
        .isInstanceOfSatisfying(
            TxPoolException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).startsWith(reason.message());
            });
  }

  @Test
  void acceptsAValidTransactionAsPending() {
    TransactionPool pool = pool();
    Transaction tx = tx(alice, 0, 1, 10);
    assertThat(pool.add(tx)).isEqualTo(tx.hash());
    assertThat(pool.status()).isEqualTo(new PoolStatus(1, 0));
    assertThat(pool.get(tx.hash())).contains(tx);
    assertThat(pool.nextNonce(alice.address())).isEqualTo(1);
    assertThat(pool.nextNonce(bob.address())).isZero();
    assertThat(pool.content().pending()).containsOnlyKeys(alice.address());
    assertThat(pool.content().pending().get(alice.address())).containsExactly(tx);
    assertRefused(pool, tx, Reason.ALREADY_KNOWN);
    pool.checkInvariants();
  }

  @Test
  void refusesInvalidTransactionsInGethsWords() {
    TransactionPool pool = pool();
    fixture.mine(List.of(tx(alice, 0, 1, 10)));
    assertThat(pool.status()).isEqualTo(new PoolStatus(0, 0));
    assertRefused(pool, tx(alice, 0, 1, 10), Reason.NONCE_TOO_LOW);
    assertThatThrownBy(() -> pool.add(tx(alice, 0, 2, 10)))
        .hasMessage("nonce too low: next nonce 1, tx nonce 0");

    Secp256k1.PrivateKey poor = ChainFixture.key(99);
    assertRefused(pool, tx(poor, 0, 1, 10), Reason.INSUFFICIENT_FUNDS);
    assertRefused(
        pool,
        ChainFixture.dynamic(alice, 1, GWEI, 10 * GWEI, 20_000, UInt256.ONE, Bytes.EMPTY),
        Reason.INTRINSIC_GAS);
    assertThatThrownBy(
            () ->
                pool.add(
                    ChainFixture.dynamic(
                        alice, 1, GWEI, 10 * GWEI, 20_000, UInt256.ONE, Bytes.EMPTY)))
        .hasMessage("intrinsic gas too low: gas 20000, minimum needed 21000");
    assertRefused(pool, tx(alice, 1, 11, 10), Reason.TIP_ABOVE_FEE_CAP);
    assertRefused(pool, transfer(alice, 1, 0, 10 * GWEI), Reason.UNDERPRICED);
    assertRefused(
        pool,
        ChainFixture.dynamic(alice, 1, GWEI, GWEI, 30_000_001, UInt256.ONE, Bytes.EMPTY),
        Reason.GAS_LIMIT);
    assertRefused(
        pool,
        ChainFixture.dynamic(
            alice, 1, GWEI, GWEI, 3_000_000, UInt256.ZERO, Bytes.wrap(new byte[140_000])),
        Reason.OVERSIZED_DATA);
    Transaction otherChain =
        new DynamicFeeTransaction(
                5,
                1,
                UInt256.valueOf(GWEI),
                UInt256.valueOf(GWEI),
                21_000,
                Optional.of(ChainFixture.RECIPIENT),
                UInt256.ONE,
                Bytes.EMPTY,
                AccessList.EMPTY,
                UInt256.ZERO,
                UInt256.ZERO,
                UInt256.ZERO)
            .sign(alice);
    assertRefused(pool, otherChain, Reason.INVALID_SENDER);
    Transaction deposit =
        new DepositTransaction(
            Hash.ZERO,
            alice.address(),
            Optional.of(bob.address()),
            UInt256.ZERO,
            UInt256.ZERO,
            21_000,
            false,
            Bytes.EMPTY);
    assertRefused(pool, deposit, Reason.TYPE_NOT_SUPPORTED);
    assertThat(pool.status()).isEqualTo(new PoolStatus(0, 0));
    pool.checkInvariants();
  }

  @Test
  void costIncludesPendingTransactionsOfTheSender() {
    // 0.1 ether each; one transaction at 21000 gas * 1 gwei costs 21e12 wei plus its value.
    ChainFixture small = new ChainFixture(1, UInt256.valueOf(50_000L * GWEI));
    TransactionPool pool = TransactionPool.create(small.chain, TxPoolConfig.defaults());
    Secp256k1.PrivateKey key = small.keys.get(0);
    pool.add(transfer(key, 0, GWEI, 2 * GWEI)); // costs 42,000 gwei + 1 wei
    assertThatThrownBy(() -> pool.add(transfer(key, 1, GWEI, GWEI)))
        .isInstanceOfSatisfying(
            TxPoolException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INSUFFICIENT_FUNDS);
              assertThat(e.getMessage()).contains("queued cost");
            });
    // Replacing the pending one only needs the difference.
    pool.add(transfer(key, 0, 2 * GWEI, 2_200_000_000L));
    assertThat(pool.status().pending()).isEqualTo(1);
  }

  @Test
  void queuedTransactionsArePromotedWhenTheGapCloses() {
    TransactionPool pool = pool();
    List<List<Transaction>> events = new ArrayList<>();
    pool.addListener(events::add);
    Transaction t2 = tx(alice, 2, 1, 10);
    Transaction t1 = tx(alice, 1, 1, 10);
    Transaction t0 = tx(alice, 0, 1, 10);
    pool.add(t2);
    pool.add(t1);
    assertThat(pool.status()).isEqualTo(new PoolStatus(0, 2));
    assertThat(pool.nextNonce(alice.address())).isZero();
    assertThat(events).isEmpty();
    pool.add(t0);
    assertThat(pool.status()).isEqualTo(new PoolStatus(3, 0));
    assertThat(events).containsExactly(List.of(t0, t1, t2));
    assertThat(pool.nextNonce(alice.address())).isEqualTo(3);
    pool.checkInvariants();
  }

  @Test
  void replacementNeedsBothFeeCapsRaisedByThePriceBump() {
    TransactionPool pool = pool();
    pool.add(transfer(alice, 0, 100 * GWEI, 200 * GWEI));
    assertRefused(pool, transfer(alice, 0, 109 * GWEI, 300 * GWEI), Reason.REPLACEMENT_UNDERPRICED);
    assertRefused(pool, transfer(alice, 0, 200 * GWEI, 219 * GWEI), Reason.REPLACEMENT_UNDERPRICED);
    assertRefused(pool, transfer(alice, 0, 100 * GWEI, 400 * GWEI), Reason.REPLACEMENT_UNDERPRICED);
    Transaction better = transfer(alice, 0, 110 * GWEI, 220 * GWEI);
    pool.add(better);
    assertThat(pool.content().pending().get(alice.address())).containsExactly(better);
    // Tiny prices must still rise strictly.
    pool.add(transfer(bob, 5, 1, 1));
    assertRefused(pool, transfer(bob, 5, 1, 1_000), Reason.REPLACEMENT_UNDERPRICED);
    Transaction queued = transfer(bob, 5, 2, 2);
    pool.add(queued);
    assertThat(pool.content().queued().get(bob.address())).containsExactly(queued);
    assertThat(pool.status()).isEqualTo(new PoolStatus(1, 1));
    pool.checkInvariants();
  }

  @Test
  void pendingIsCutBackToTheGlobalLimitFromTheLargestSenders() {
    TransactionPool pool = pool(TxPoolConfig.defaults().withSlots(2, 6, 64, 1024));
    for (int n = 0; n < 6; n++) {
      pool.add(tx(alice, n, 1, 10));
    }
    for (int n = 0; n < 3; n++) {
      pool.add(tx(bob, n, 1, 10));
    }
    pool.add(tx(fixture.keys.get(2), 0, 1, 10));
    // Over the limit of 6, alice is cut down to bob's 3; when carol's arrives, both offenders
    // lose one each (geth cuts evenly, so the pool ends one below the limit).
    assertThat(pool.status().pending()).isEqualTo(5);
    assertThat(pool.content().pending().get(alice.address())).hasSize(2);
    assertThat(pool.content().pending().get(bob.address())).hasSize(2);
    assertThat(pool.content().pending().get(fixture.keys.get(2).address())).hasSize(1);
    assertThat(pool.nextNonce(alice.address())).isEqualTo(2);
    pool.checkInvariants();
  }

  @Test
  void queueIsCutBackPerSenderAndGlobally() {
    TransactionPool pool = pool(TxPoolConfig.defaults().withSlots(16, 5120, 3, 4));
    for (int n = 1; n <= 5; n++) {
      pool.add(tx(alice, n, 1, 10));
    }
    assertThat(pool.content().queued().get(alice.address()))
        .extracting(Transaction::nonce)
        .containsExactly(1L, 2L, 3L);
    for (int n = 1; n <= 3; n++) {
      pool.add(tx(bob, n, 1, 10));
    }
    // Six queued over a limit of four: alice (idle longest) loses her highest nonces.
    assertThat(pool.status().queued()).isEqualTo(4);
    assertThat(pool.content().queued().get(alice.address())).hasSize(1);
    pool.checkInvariants();
  }

  @Test
  void aFullPoolEvictsTheCheapestOrRefusesTheNewcomer() {
    // Capacity is globalSlots + globalQueue = 4 slots.
    TransactionPool pool = pool(TxPoolConfig.defaults().withSlots(16, 2, 64, 2));
    pool.add(tx(alice, 0, 1, 5));
    pool.add(tx(alice, 1, 1, 6));
    pool.add(tx(bob, 0, 1, 7));
    pool.add(tx(bob, 1, 1, 8));
    assertRefused(pool, tx(fixture.keys.get(2), 0, 1, 5), Reason.UNDERPRICED);
    Transaction rich = tx(fixture.keys.get(2), 0, 1, 9);
    pool.add(rich);
    // alice's nonce 0 (the cheapest) went; her nonce 1 waits behind the gap.
    assertThat(pool.contains(rich.hash())).isTrue();
    assertThat(pool.content().pending()).doesNotContainKey(alice.address());
    assertThat(pool.content().queued().get(alice.address()))
        .extracting(Transaction::nonce)
        .containsExactly(1L);
    pool.checkInvariants();
  }

  @Test
  void idleQueuedTransactionsExpire() {
    MutableClock clock = new MutableClock();
    TransactionPool pool =
        TransactionPool.create(
            fixture.chain, TxPoolConfig.defaults().withLifetime(Duration.ofMinutes(30)), clock);
    pool.add(tx(alice, 3, 1, 10));
    pool.add(tx(bob, 0, 1, 10));
    clock.advance(Duration.ofMinutes(31));
    pool.add(tx(bob, 1, 1, 10));
    assertThat(pool.status()).isEqualTo(new PoolStatus(2, 0));
    pool.checkInvariants();
  }

  @Test
  void includedTransactionsLeaveAndGapsAreDemoted() {
    TransactionPool pool = pool();
    Transaction a0 = tx(alice, 0, 1, 10);
    Transaction a1 = tx(alice, 1, 1, 10);
    Transaction a2 = tx(alice, 2, 1, 10);
    pool.add(a0);
    pool.add(a1);
    pool.add(a2);
    // A block includes a different nonce-0 transaction of alice and her nonce 1.
    Transaction other0 = tx(alice, 0, 2, 10);
    fixture.mine(List.of(other0, a1));
    assertThat(pool.status()).isEqualTo(new PoolStatus(1, 0));
    assertThat(pool.content().pending().get(alice.address())).containsExactly(a2);
    assertThat(pool.nextNonce(alice.address())).isEqualTo(3);
    pool.checkInvariants();
  }

  @Test
  void reorgsReinjectTheTransactionsOfTheOldBranch() {
    TransactionPool pool = pool();
    Transaction a0 = tx(alice, 0, 1, 10);
    Transaction b0 = tx(bob, 0, 1, 10);
    ChainHead base = fixture.chain.head();
    ChainHead oldHead = fixture.mine(List.of(a0, b0));
    assertThat(pool.status()).isEqualTo(new PoolStatus(0, 0));

    // A competing branch of two blocks that includes only bob's transaction.
    SealedBlock side1 = fixture.build(base.hash(), List.of(b0), 6);
    fixture.chain.importSealed(side1, false);
    SealedBlock side2 = fixture.build(side1.hash(), List.of(), 6);
    fixture.chain.importSealed(side2, false);
    List<List<Transaction>> events = new ArrayList<>();
    pool.addListener(events::add);
    fixture.chain.setHead(side2.hash());

    assertThat(pool.content().pending().get(alice.address())).containsExactly(a0);
    assertThat(pool.contains(b0.hash())).isFalse();
    assertThat(events).containsExactly(List.of(a0));
    // And back: alice's transaction is included again and leaves.
    fixture.chain.setHead(oldHead.hash());
    assertThat(pool.status()).isEqualTo(new PoolStatus(0, 0));
    pool.checkInvariants();
  }

  @Test
  void blockFillingTakesTheBestTipFirstAndNoncesInOrder() {
    TransactionPool pool = pool();
    Secp256k1.PrivateKey carol = fixture.keys.get(2);
    Transaction a0 = tx(alice, 0, 1, 100);
    Transaction a1 = tx(alice, 1, 50, 100);
    Transaction b0 = tx(bob, 0, 5, 100);
    Transaction c0 = tx(carol, 0, 3, 100);
    Transaction cheap = transfer(fixture.keys.get(3), 0, GWEI / 4, GWEI / 2); // below the base fee
    for (Transaction tx : List.of(a0, a1, b0, c0, cheap)) {
      pool.add(tx);
    }
    UInt256 baseFee = pool.pendingBaseFee();
    assertThat(baseFee).isEqualTo(UInt256.valueOf(875_000_000L));

    ChainHead head = fixture.chain.head();
    BlockBuilder builder =
        fixture.chain.newBlock(head.hash(), ChainFixture.attributes(head.header(), 12));
    BlockFiller filler = new BlockFiller(builder);
    assertThat(filler.fill(pool.ordered(baseFee), () -> false)).isTrue();
    SealedBlock block = builder.seal();
    // b0 (tip 5) beats c0 (3) beats a0 (1); a1's big tip only counts once a0 is in.
    assertThat(block.block().transactions()).containsExactly(b0, c0, a0, a1);
    UInt256 expected = UInt256.valueOf((5 + 3 + 1 + 50) * GWEI * 21_000);
    assertThat(filler.fees()).isEqualTo(expected);
    assertThat(filler.included()).isEqualTo(4);
  }

  @Test
  void fillingStopsWhenInterrupted() {
    TransactionPool pool = pool();
    pool.add(tx(alice, 0, 1, 10));
    ChainHead head = fixture.chain.head();
    BlockBuilder builder =
        fixture.chain.newBlock(head.hash(), ChainFixture.attributes(head.header(), 12));
    BlockFiller filler = new BlockFiller(builder);
    assertThat(filler.fill(pool.ordered(pool.pendingBaseFee()), () -> true)).isFalse();
    assertThat(filler.included()).isZero();
  }

  @Test
  void metricsCountThePool() {
    TransactionPool pool = pool();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    pool.bindTo(registry);
    pool.add(tx(alice, 0, 1, 10));
    pool.add(tx(alice, 5, 1, 10));
    assertThatThrownBy(() -> pool.add(tx(alice, 0, 1, 10))).isInstanceOf(TxPoolException.class);
    assertThat(registry.get("txpool.pending").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("txpool.queued").gauge().value()).isEqualTo(1.0);
    assertThat(registry.get("txpool.rejected").tag("reason", "already_known").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get("txpool.added").counter().count()).isEqualTo(2.0);
  }

  @Test
  void closedPoolsStopFollowingTheHead() {
    TransactionPool pool = pool();
    pool.add(tx(alice, 0, 1, 10));
    pool.close();
    fixture.mine(List.of(tx(alice, 0, 1, 10)));
    assertThat(pool.status().pending()).isEqualTo(1);
  }

  @Test
  void concurrentAddsKeepTheBooksStraight() throws Exception {
    TransactionPool pool = pool();
    List<Thread> threads = new ArrayList<>();
    for (int k = 0; k < 4; k++) {
      Secp256k1.PrivateKey key = fixture.keys.get(k);
      threads.add(
          Thread.ofPlatform()
              .start(
                  () -> {
                    for (int n = 19; n >= 0; n--) {
                      pool.add(tx(key, n, 1, 10));
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(pool.status()).isEqualTo(new PoolStatus(80, 0));
    for (int k = 0; k < 4; k++) {
      Address sender = fixture.keys.get(k).address();
      assertThat(pool.nextNonce(sender)).isEqualTo(20);
    }
    pool.checkInvariants();
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private Instant now = Instant.parse("2025-01-01T00:00:00Z");

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
