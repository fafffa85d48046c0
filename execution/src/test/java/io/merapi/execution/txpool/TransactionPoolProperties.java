package io.merapi.execution.txpool;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.execution.testing.ChainFixture;
import io.merapi.state.Account;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random sequences of submissions and mined blocks against a simple model of the pool without
 * limits: per sender a map from nonce to the accepted transaction, where a transaction is refused
 * below the account nonce and replaces another only with both fee caps raised by 10%; pending is
 * the run of nonces from the account nonce, queued the rest; a mined block takes pending runs cut
 * at the first fee cap below the base fee.
 */
class TransactionPoolProperties {
  private static final long GWEI = ChainFixture.GWEI;
  private static final long[] FEE_CAPS = {GWEI / 2, GWEI, 1_050_000_000L, 1_100_000_000L, 3 * GWEI};
  private static final long[] TIPS = {1, GWEI / 2, 550_000_000L};

  sealed interface Op {}

  record Submit(int sender, int nonce, int feeCap, int tip) implements Op {}

  record Mine() implements Op {}

  /** Replaces the head block with an empty sibling: its transactions return to the pool. */
  record Reorg() implements Op {}

  @Provide
  Arbitrary<List<Op>> ops() {
    Arbitrary<Op> submit =
        Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 5),
                Arbitraries.integers().between(0, FEE_CAPS.length - 1),
                Arbitraries.integers().between(0, TIPS.length - 1))
            .as(Submit::new);
    Arbitrary<Op> mine = Arbitraries.just(new Mine());
    Arbitrary<Op> reorg = Arbitraries.just(new Reorg());
    return Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(6, submit),
            net.jqwik.api.Tuple.of(1, mine),
            net.jqwik.api.Tuple.of(1, reorg))
        .list()
        .ofMinSize(5)
        .ofMaxSize(40);
  }

  @Property(tries = 40)
  void poolAgreesWithTheModel(@ForAll("ops") List<Op> ops) {
    ChainFixture fixture = new ChainFixture(3);
    TransactionPool pool = TransactionPool.create(fixture.chain, TxPoolConfig.defaults());
    Map<Address, TreeMap<Long, Transaction>> model = new HashMap<>();
    for (Op op : ops) {
      switch (op) {
        case Submit s -> submit(fixture, pool, model, s);
        case Mine m -> mine(fixture, pool, model);
        case Reorg r -> reorg(fixture, model);
      }
      pool.checkInvariants();
      compare(fixture, pool, model);
    }
  }

  private static void submit(
      ChainFixture fixture,
      TransactionPool pool,
      Map<Address, TreeMap<Long, Transaction>> model,
      Submit s) {
    Secp256k1.PrivateKey key = fixture.keys.get(s.sender());
    long tip = Math.min(TIPS[s.tip()], FEE_CAPS[s.feeCap()]);
    Transaction tx = ChainFixture.transfer(key, s.nonce(), tip, FEE_CAPS[s.feeCap()]);
    long accountNonce = nonce(fixture, key.address());
    TreeMap<Long, Transaction> mine = model.computeIfAbsent(key.address(), a -> new TreeMap<>());
    Transaction old = mine.get((long) s.nonce());
    TxPoolException.Reason expected = null;
    if (old != null && old.hash().equals(tx.hash())) {
      expected = TxPoolException.Reason.ALREADY_KNOWN;
    } else if (s.nonce() < accountNonce) {
      expected = TxPoolException.Reason.NONCE_TOO_LOW;
    } else if (old != null && !outbids(tx, old)) {
      expected = TxPoolException.Reason.REPLACEMENT_UNDERPRICED;
    }
    try {
      pool.add(tx);
      assertThat(expected).as("refusal expected for %s", s).isNull();
      mine.put((long) s.nonce(), tx);
    } catch (TxPoolException e) {
      assertThat(e.reason()).as("%s", s).isEqualTo(expected);
    }
  }

  private static boolean outbids(Transaction tx, Transaction old) {
    return tx.maxFeePerGas()
                .toBigInteger()
                .multiply(java.math.BigInteger.valueOf(100))
                .compareTo(
                    old.maxFeePerGas().toBigInteger().multiply(java.math.BigInteger.valueOf(110)))
            >= 0
        && tx.maxPriorityFeePerGas()
                .toBigInteger()
                .multiply(java.math.BigInteger.valueOf(100))
                .compareTo(
                    old.maxPriorityFeePerGas()
                        .toBigInteger()
                        .multiply(java.math.BigInteger.valueOf(110)))
            >= 0
        && tx.maxFeePerGas().compareTo(old.maxFeePerGas()) > 0
        && tx.maxPriorityFeePerGas().compareTo(old.maxPriorityFeePerGas()) > 0;
  }

  private static void mine(
      ChainFixture fixture, TransactionPool pool, Map<Address, TreeMap<Long, Transaction>> model) {
    ChainHead head = fixture.chain.head();
    BlockBuilder builder =
        fixture.chain.newBlock(head.hash(), ChainFixture.attributes(head.header(), 12));
    UInt256 baseFee = builder.template().baseFeePerGas().orElseThrow();
    List<Transaction> expected = new ArrayList<>();
    for (Map.Entry<Address, TreeMap<Long, Transaction>> e : model.entrySet()) {
      long next = nonce(fixture, e.getKey());
      Transaction tx;
      while ((tx = e.getValue().get(next)) != null && tx.maxFeePerGas().compareTo(baseFee) >= 0) {
        expected.add(tx);
        next++;
      }
    }
    BlockFiller filler = new BlockFiller(builder);
    filler.fill(pool.ordered(baseFee), () -> false);
    SealedBlock sealed = builder.seal();
    assertThat(sealed.block().transactions()).containsExactlyInAnyOrderElementsOf(expected);
    fixture.chain.importSealed(sealed, true);
    for (Map.Entry<Address, TreeMap<Long, Transaction>> e : model.entrySet()) {
      e.getValue().headMap(nonce(fixture, e.getKey()), false).clear();
    }
  }

  private static void reorg(ChainFixture fixture, Map<Address, TreeMap<Long, Transaction>> model) {
    ChainHead head = fixture.chain.head();
    if (head.number() == 0) {
      return;
    }
    List<Transaction> removed = fixture.chain.body(head.hash()).orElseThrow().transactions();
    SealedBlock sibling = fixture.build(head.header().parentHash(), List.of(), 13);
    fixture.chain.importSealed(sibling, false);
    fixture.chain.setHead(sibling.hash());
    for (Transaction tx : removed) {
      model.computeIfAbsent(tx.sender(), a -> new TreeMap<>()).put(tx.nonce(), tx);
    }
  }

  private static void compare(
      ChainFixture fixture, TransactionPool pool, Map<Address, TreeMap<Long, Transaction>> model) {
    SortedMap<Address, List<Transaction>> pending = new TreeMap<>();
    SortedMap<Address, List<Transaction>> queued = new TreeMap<>();
    for (Map.Entry<Address, TreeMap<Long, Transaction>> e : model.entrySet()) {
      long next = nonce(fixture, e.getKey());
      List<Transaction> p = new ArrayList<>();
      List<Transaction> q = new ArrayList<>();
      for (Map.Entry<Long, Transaction> tx : e.getValue().entrySet()) {
        if (tx.getKey() == next) {
          p.add(tx.getValue());
          next++;
        } else {
          q.add(tx.getValue());
        }
      }
      if (!p.isEmpty()) {
        pending.put(e.getKey(), p);
      }
      if (!q.isEmpty()) {
        queued.put(e.getKey(), q);
      }
    }
    PoolContent content = pool.content();
    assertThat(content.pending()).isEqualTo(pending);
    assertThat(content.queued()).isEqualTo(queued);
  }

  private static long nonce(ChainFixture fixture, Address address) {
    return fixture.chain.headState().account(address).map(Account::nonce).orElse(0L);
  }
}
