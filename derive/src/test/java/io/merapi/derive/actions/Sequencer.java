package io.merapi.derive.actions;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.AttributesBuilder;
import io.merapi.derive.attributes.L1OriginSelector;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;

/**
 * The sequencer (op-e2e's {@code L2Sequencer}): a rollup node that also builds unsafe L2 blocks on
 * its chain's head from the attributes derivation's {@link AttributesBuilder} prepares, with the L1
 * origin op-node's {@link L1OriginSelector} picks, adding the user transactions waiting in its pool
 * unless the block may not take any (past the max sequencer drift, Ecotone and Fjord activation
 * blocks). Its own derivation consolidates its unsafe blocks into the safe chain; unsafe blocks
 * that derivation replaces give their user transactions back to the pool, as geth's pool takes back
 * the transactions of a reorged-out block.
 */
final class Sequencer extends RollupNode {
  private final AttributesBuilder attributes;
  private final L1OriginSelector originSelector;
  private final List<Transaction> pool = new ArrayList<>();

  Sequencer(RollupSetup setup, L1Miner l1) {
    super(setup, l1);
    this.attributes = new AttributesBuilder(rollup, l1, chain);
    this.originSelector = new L1OriginSelector(rollup, l1);
  }

  @Override
  protected void onReplaced(List<L2Chain.L2Block> dropped) {
    List<Transaction> back = new ArrayList<>();
    for (L2Chain.L2Block block : dropped) {
      block.transactions().stream()
          .filter(tx -> !(tx instanceof DepositTransaction))
          .forEach(back::add);
    }
    pool.addAll(0, back);
  }

  /** A wallet on L2 whose nonces count this sequencer's head and pool. */
  Wallet wallet(Secp256k1.PrivateKey key) {
    return new Wallet(
        key,
        rollup.l2ChainId(),
        () ->
            chain.nonce(key.address())
                + pool.stream().filter(tx -> tx.sender().equals(key.address())).count());
  }

  /** Queues a user transaction for the next block that may take pool transactions. */
  void submit(Transaction tx) {
    pool.add(tx);
  }

  List<Transaction> pool() {
    return List.copyOf(pool);
  }

  L1BlockRef findL1Origin() {
    return originSelector.findL1Origin(chain.head().ref());
  }

  /** Builds one unsafe block on the head. */
  L2Chain.L2Block buildBlock() {
    L2BlockRef head = chain.head().ref();
    L1BlockRef origin = findL1Origin();
    PayloadAttributes prepared = attributes.prepare(head, origin.id());
    List<Bytes> txs = new ArrayList<>(prepared.transactions());
    List<Transaction> taken =
        L1OriginSelector.noTxPool(rollup, prepared.timestamp(), origin)
            ? List.of()
            : List.copyOf(pool);
    taken.forEach(tx -> txs.add(Bytes.wrap(tx.encoded())));
    L2Chain.L2Block block = chain.build(prepared.withTransactions(txs));
    pool.removeAll(taken);
    return block;
  }

  /** Builds blocks until the head's L1 origin is the L1 head (op-e2e {@code ActBuildToL1Head}). */
  void buildToL1Head() {
    while (chain.head().ref().l1Origin().number() < l1.head().number()) {
      buildBlock();
    }
  }
}
