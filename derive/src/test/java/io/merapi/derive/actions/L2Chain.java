package io.merapi.derive.actions;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.L2BlockInfo;
import io.merapi.derive.source.L2Source;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.state.AccountChange;
import io.merapi.state.InMemoryState;
import io.merapi.state.op.OpBlockBuilder;
import io.merapi.state.op.OpChainRules;
import io.merapi.types.block.Header;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * One node's L2 chain in memory (the engine half of op-e2e's {@code L2Engine}): blocks built with
 * {@link OpBlockBuilder} from payload attributes on the state after the head, each sealed with its
 * real state root. It answers derivation's {@link L2Source} the way op-node reads an engine, with
 * {@link L2BlockInfo}: a block's L1 origin and sequence number from its L1 info deposit, its system
 * config from that deposit, its gas limit and (Holocene) its extraData.
 *
 * <p>Rewinding drops blocks from the tip and rebuilds the state by replaying the net changes of the
 * blocks that stay.
 */
final class L2Chain implements L2Source {

  /** One block with what the harness and derivation read from it. */
  record L2Block(
      Header header,
      Hash hash,
      List<Transaction> transactions,
      List<Receipt> receipts,
      List<AccountChange> changes,
      L2BlockRef ref,
      RollupConfig.SystemConfig systemConfig) {
    long number() {
      return header.number();
    }

    long time() {
      return header.timestamp();
    }

    /** The block's transactions other than deposits (what a batch carries), EIP-2718 encoded. */
    List<Bytes> batchTransactions() {
      return transactions.stream()
          .filter(tx -> !(tx instanceof DepositTransaction))
          .map(tx -> Bytes.wrap(tx.encoded()))
          .toList();
    }

    /** Whether the block holds only deposits (what an empty batch derives). */
    boolean depositsOnly() {
      return transactions.stream().allMatch(tx -> tx instanceof DepositTransaction);
    }
  }

  private final RollupConfig rollup;
  private final Genesis genesis;
  private final OpChainRules rules;
  private final OpBlockBuilder builder;
  private final List<L2Block> blocks = new ArrayList<>();
  private final StateTrie trie = new StateTrie();
  private InMemoryState state;

  L2Chain(RollupConfig rollup, Genesis genesis) {
    this.rollup = rollup;
    this.genesis = genesis;
    this.rules = new OpChainRules(genesis.config());
    this.builder = new OpBlockBuilder(rules);
    this.state = L1Miner.genesisState(genesis);
    GenesisBlock g = trie.genesis(genesis);
    if (!g.hash().equals(rollup.genesis().l2().hash())) {
      throw new IllegalStateException("the L2 genesis is not the rollup config's");
    }
    blocks.add(
        new L2Block(
            g.header(),
            g.hash(),
            List.of(),
            List.of(),
            List.of(),
            new L2BlockRef(
                g.hash(),
                g.header().number(),
                g.header().parentHash(),
                g.header().timestamp(),
                rollup.genesis().l1(),
                0),
            rollup.genesis().systemConfig()));
  }

  RollupConfig rollup() {
    return rollup;
  }

  L2Block head() {
    return blocks.get(blocks.size() - 1);
  }

  L2Block block(long number) {
    return blocks.get(Math.toIntExact(number));
  }

  List<L2Block> blocks() {
    return List.copyOf(blocks);
  }

  /** The head state's root computed from scratch (a check on the incremental roots). */
  Hash recomputedStateRoot() {
    return state.stateRoot();
  }

  /** The next nonce of {@code sender} at the head. */
  long nonce(Address sender) {
    return state.account(sender).map(a -> a.nonce()).orElse(0L);
  }

  UInt256 balance(Address account) {
    return state.account(account).map(a -> a.balance()).orElse(UInt256.ZERO);
  }

  /**
   * Builds the head's child from {@code attributes} and makes it the head.
   *
   * @throws io.merapi.state.op.InvalidL2BlockException if the attributes cannot make a block
   */
  L2Block build(PayloadAttributes attributes) {
    L2Block parent = head();
    OpBlockBuilder.Built built =
        builder.build(
            parent.header(),
            attributes,
            state,
            n -> n < blocks.size() ? block(n).hash() : Hash.ZERO,
            changes -> trie.commit(parent.header().stateRoot(), changes));
    // Sealed: only now does the block's state become the head's.
    state.apply(built.changes());
    Header header = built.header();
    Hash hash = header.hash();
    L2Block block =
        new L2Block(
            header,
            hash,
            built.transactions(),
            built.receipts(),
            built.changes(),
            L2BlockInfo.blockRef(rollup, header, hash, built.transactions()),
            L2BlockInfo.systemConfig(rollup, header, hash, built.transactions()));
    blocks.add(block);
    return block;
  }

  /** Drops every block after {@code number}; returns the dropped blocks, oldest first. */
  List<L2Block> rewind(long number) {
    if (number < 0 || number >= blocks.size()) {
      throw new IllegalArgumentException("no block " + number + " to rewind to");
    }
    List<L2Block> dropped = new ArrayList<>(blocks.subList((int) number + 1, blocks.size()));
    if (dropped.isEmpty()) {
      return dropped;
    }
    blocks.subList((int) number + 1, blocks.size()).clear();
    InMemoryState replayed = L1Miner.genesisState(genesis);
    for (L2Block b : blocks) {
      replayed.apply(b.changes());
    }
    state = replayed;
    return dropped;
  }

  /** Puts back blocks {@link #rewind} took off, on the block they were built on. */
  void restore(List<L2Block> dropped) {
    if (dropped.isEmpty()) {
      return;
    }
    if (!dropped.get(0).header().parentHash().equals(head().hash())) {
      throw new IllegalStateException("the blocks to restore do not build on the head");
    }
    for (L2Block b : dropped) {
      blocks.add(b);
      state.apply(b.changes());
    }
  }

  // --- L2Source ---

  @Override
  public Optional<L2BlockRef> l2BlockRefByNumber(long number) {
    return number >= 0 && number < blocks.size()
        ? Optional.of(block(number).ref())
        : Optional.empty();
  }

  @Override
  public Optional<List<Bytes>> transactionsByNumber(long number) {
    return number >= 0 && number < blocks.size()
        ? Optional.of(
            block(number).transactions().stream().map(tx -> Bytes.wrap(tx.encoded())).toList())
        : Optional.empty();
  }

  @Override
  public L2BlockRef l2BlockRefByHash(Hash hash) {
    return byHash(hash).ref();
  }

  @Override
  public RollupConfig.SystemConfig systemConfigByL2Hash(Hash hash) {
    return byHash(hash).systemConfig();
  }

  L2Block byHash(Hash hash) {
    for (int i = blocks.size() - 1; i >= 0; i--) {
      if (blocks.get(i).hash().equals(hash)) {
        return blocks.get(i);
      }
    }
    throw new NoSuchElementException("no L2 block " + hash + " on this chain");
  }
}
