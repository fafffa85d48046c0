package io.merapi.derive.actions;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.state.op.OpPayloadAttributes;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The sequencer (op-e2e's {@code L2Sequencer}): builds unsafe L2 blocks on its chain's head from
 * the attributes derivation's builder prepares, adding the user transactions waiting in its pool.
 * The L1 origin is chosen as op-node's {@code L1OriginSelector} does: the next L1 block as soon as
 * the new L2 block is not older than it, else the current origin while within the max sequencer
 * drift. Past the drift, and in the Ecotone and Fjord activation blocks, no pool transaction goes
 * in (op-node's sequencer sets {@code NoTxPool}).
 */
final class Sequencer {
  /** Fjord's constant max sequencer drift (specs fjord/derivation.md). */
  static final long FJORD_MAX_SEQUENCER_DRIFT = 1800;

  /** What prepares the deposit-only attributes of a block (op-node's attributes builder). */
  interface AttributesPreparer {
    OpPayloadAttributes prepare(L2BlockRef parent, RollupConfig.BlockId epoch);
  }

  private final RollupConfig rollup;
  private final L1Miner l1;
  private final L2Chain chain;
  private final AttributesPreparer attributes;
  private final List<Transaction> pool = new ArrayList<>();
  private Optional<L1BlockRef> originOverride = Optional.empty();

  Sequencer(RollupConfig rollup, L1Miner l1, L2Chain chain, AttributesPreparer attributes) {
    this.rollup = rollup;
    this.l1 = l1;
    this.chain = chain;
    this.attributes = attributes;
  }

  L2Chain chain() {
    return chain;
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

  /** Makes the next blocks keep the current L1 origin even when the next one is due. */
  void keepL1Origin() {
    originOverride = Optional.of(l1.blockRefByHash(chain.head().ref().l1Origin().hash()));
  }

  void releaseL1Origin() {
    originOverride = Optional.empty();
  }

  long maxSequencerDrift(long originTime) {
    return rollup.isActive(OpFork.FJORD, originTime)
        ? FJORD_MAX_SEQUENCER_DRIFT
        : rollup.maxSequencerDrift();
  }

  /** op-node {@code L1OriginSelector.FindL1Origin}. */
  L1BlockRef findL1Origin() {
    if (originOverride.isPresent()) {
      return originOverride.get();
    }
    L2BlockRef head = chain.head().ref();
    L1BlockRef current = l1.blockRefByHash(head.l1Origin().hash());
    Optional<L1BlockRef> next =
        l1.blockRefByNumber(current.number() + 1).filter(current::isParentOf);
    long nextL2Time = head.time() + rollup.blockTime();
    if (next.isPresent() && Long.compareUnsigned(nextL2Time, next.get().time()) >= 0) {
      return next.get();
    }
    boolean pastDrift = nextL2Time - current.time() > maxSequencerDrift(current.time());
    if (!pastDrift) {
      return current;
    }
    L1BlockRef forced =
        next.orElseThrow(
            () ->
                new IllegalStateException(
                    "past the sequencer drift on origin " + current.number() + " with no next"));
    return Long.compareUnsigned(nextL2Time, forced.time()) < 0 ? current : forced;
  }

  /** Builds one unsafe block on the head. */
  L2Chain.L2Block buildBlock() {
    L2BlockRef head = chain.head().ref();
    L1BlockRef origin = findL1Origin();
    OpPayloadAttributes prepared = attributes.prepare(head, origin.id());
    long time = prepared.timestamp();
    boolean noTxPool =
        Long.compareUnsigned(time, origin.time() + maxSequencerDrift(origin.time())) > 0
            || rollup.isActivationBlock(OpFork.ECOTONE, time)
            || rollup.isActivationBlock(OpFork.FJORD, time);
    List<Bytes> txs = new ArrayList<>(prepared.transactions());
    List<Transaction> taken = noTxPool ? List.of() : List.copyOf(pool);
    taken.forEach(tx -> txs.add(Bytes.wrap(tx.encoded())));
    L2Chain.L2Block block =
        chain.build(
            new OpPayloadAttributes(
                prepared.timestamp(),
                prepared.prevRandao(),
                prepared.suggestedFeeRecipient(),
                prepared.withdrawals(),
                prepared.parentBeaconBlockRoot(),
                txs,
                prepared.noTxPool(),
                prepared.gasLimit(),
                prepared.eip1559Params(),
                prepared.minBaseFee()));
    pool.removeAll(taken);
    return block;
  }

  /** Builds blocks until the head's L1 origin is the L1 head (op-e2e {@code ActBuildToL1Head}). */
  void buildToL1Head() {
    while (chain.head().ref().l1Origin().number() < l1.head().number()) {
      buildBlock();
    }
  }

  /** Builds blocks until the head's time reaches {@code time}. */
  void buildToTime(long time) {
    while (Long.compareUnsigned(chain.head().time(), time) < 0) {
      buildBlock();
    }
  }
}
