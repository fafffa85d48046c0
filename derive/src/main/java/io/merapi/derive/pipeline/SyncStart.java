package io.merapi.derive.pipeline;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.source.L2Source;
import io.merapi.types.config.RollupConfig;
import java.util.Optional;

/**
 * Finding where derivation can start again after a restart or an L1 reorg (specs derivation.md
 * "Finding the sync starting point", steps 1 to 4; op-node's {@code FindL2Heads}). Walking back
 * from the unsafe head:
 *
 * <ul>
 *   <li>the new unsafe head is the first L2 block whose L1 origin is canonical, or ahead of the L1
 *       chain known so far ("plausible");
 *   <li>the new safe head is the parent of the first block with sequence number 0 whose L1 origin
 *       is more than a sequencing window older than the highest canonical L1 origin seen, at or
 *       below the previous safe head, and never below the finalized head.
 * </ul>
 *
 * The caller then sets the engine's forkchoice to the result and resets the pipeline, whose first
 * step walks back a further channel timeout ({@link DerivationPipeline#step}).
 */
public final class SyncStart {
  /** How many sequencing windows the unsafe head may be rewound before that is suspicious. */
  public static final long MAX_REORG_SEQ_WINDOWS = 5;

  /**
   * With finality still at genesis, how many sequencing windows the unsafe head's L1 origin must be
   * past the L1 genesis to trust the unsafe head as safe and finalized (an engine that synced but
   * kept no forkchoice).
   */
  public static final long RECOVER_MIN_SEQ_WINDOWS = 14;

  private SyncStart() {}

  /**
   * The heads to restart derivation from, given the engine's current ones.
   *
   * @throws DerivationException.Critical if the L2 chain is not the configured rollup's, the walk
   *     would reorg the finalized head, reorg deeper than {@link #MAX_REORG_SEQ_WINDOWS} sequencing
   *     windows, or the L1 origins of the L2 chain are inconsistent
   * @throws DerivationException.Temporary if a source did not answer
   */
  public static L2Heads findL2Heads(
      RollupConfig config, L1Source l1, L2Source l2, L2Heads current) {
    RollupConfig.RollupGenesis genesis = config.genesis();
    long lookback = syncLookback(config);
    L2BlockRef unsafe = current.unsafe();
    L2BlockRef safe = current.safe();
    L2BlockRef finalized = current.finalized();

    // An engine that synced but left its forkchoice at genesis: trust its head.
    if (finalized.hash().equals(genesis.l2().hash())
        && safe.hash().equals(genesis.l2().hash())
        && Long.compareUnsigned(unsafe.number(), genesis.l2().number()) > 0
        && Long.compareUnsigned(
                unsafe.l1Origin().number(),
                genesis.l1().number() + RECOVER_MIN_SEQ_WINDOWS * config.seqWindowSize())
            > 0) {
      return new L2Heads(unsafe, unsafe, unsafe);
    }
    // An engine rewound without a forkchoice update: start over from its head.
    if (Long.compareUnsigned(unsafe.number(), finalized.number()) < 0
        || Long.compareUnsigned(unsafe.number(), safe.number()) < 0) {
      return new L2Heads(unsafe, unsafe, unsafe);
    }

    L2BlockRef previousUnsafe = unsafe;
    L2BlockRef resultUnsafe = unsafe;
    L2BlockRef n = unsafe;
    // The highest L2 block seen whose L1 origin is canonical.
    L2BlockRef highestCanonical = null;
    // The L1 block at the height of n's L1 origin, if the L1 has it.
    L1BlockRef l1Block = null;
    boolean ahead = false;
    boolean ready = false;
    while (true) {
      if (l1Block != null && n.l1Origin().hash().equals(l1Block.parentHash())) {
        // Walking down a canonical L1 chain: by hash.
        l1Block = l1.blockRefByHash(n.l1Origin().hash());
        ahead = false;
      } else if (l1Block == null || !n.l1Origin().hash().equals(l1Block.hash())) {
        Optional<L1BlockRef> atHeight = l1.blockRefByNumber(n.l1Origin().number());
        // An L1 origin ahead of the L1 chain known so far is plausible.
        ahead = atHeight.isEmpty();
        l1Block = atHeight.orElse(null);
      }

      if (n.number() == genesis.l2().number()) {
        if (!n.hash().equals(genesis.l2().hash())) {
          throw new DerivationException.Critical(
              "wrong L2 chain: genesis " + genesis.l2() + ", found " + n.id());
        }
        if (!ahead && !l1Block.hash().equals(genesis.l1().hash())) {
          throw new DerivationException.Critical(
              "wrong L1 chain: genesis " + genesis.l1() + ", found " + l1Block.id());
        }
      }
      if (n.number() == finalized.number() && !n.hash().equals(finalized.hash())) {
        throw new DerivationException.Critical(
            "cannot reorg the finalized block " + finalized.id() + ": found " + n.id());
      }
      if (resultUnsafe == null) {
        resultUnsafe = n;
        if (Long.compareUnsigned(
                n.l1Origin().number() + MAX_REORG_SEQ_WINDOWS * lookback,
                previousUnsafe.l1Origin().number())
            < 0) {
          throw new DerivationException.Critical(
              "reorg too deep: walked back to "
                  + n.id()
                  + " from the previous unsafe head "
                  + previousUnsafe.id());
        }
      }

      if (ahead) {
        highestCanonical = null;
      } else if (l1Block.hash().equals(n.l1Origin().hash())) {
        if (highestCanonical == null) {
          highestCanonical = n;
        }
      } else {
        // Neither ahead nor canonical: this block and its successors cannot stay.
        resultUnsafe = null;
        highestCanonical = null;
      }

      if (Long.compareUnsigned(n.number(), safe.number()) <= 0
          && highestCanonical != null
          && Long.compareUnsigned(
                  n.l1Origin().number() + lookback, highestCanonical.l1Origin().number())
              < 0
          && n.sequenceNumber() == 0) {
        ready = true;
      }

      if (n.number() == finalized.number()) {
        return new L2Heads(requireUnsafe(resultUnsafe, n), n, finalized);
      }

      L2BlockRef parent = l2.l2BlockRefByHash(n.parentHash());
      if (!parent.l1Origin().equals(n.l1Origin())) {
        if (parent.l1Origin().number() + 1 != n.l1Origin().number()) {
          throw new DerivationException.Critical(
              "L2 block "
                  + n.id()
                  + " has L1 origin "
                  + n.l1Origin()
                  + " not right after its parent's "
                  + parent.l1Origin());
        }
        if (n.sequenceNumber() != 0) {
          throw new DerivationException.Critical(
              "L2 block " + n.id() + " starts an epoch with sequence number " + n.sequenceNumber());
        }
        if (l1Block != null
            && l1Block.hash().equals(n.l1Origin().hash())
            && !l1Block.parentHash().equals(parent.l1Origin().hash())) {
          throw new DerivationException.Critical(
              "L2 block "
                  + parent.id()
                  + " has L1 origin "
                  + parent.l1Origin()
                  + ", but the canonical parent of "
                  + n.l1Origin()
                  + " is "
                  + l1Block.parentHash());
        }
      } else if (parent.sequenceNumber() + 1 != n.sequenceNumber()) {
        throw new DerivationException.Critical(
            "sequence numbers "
                + parent.sequenceNumber()
                + " and "
                + n.sequenceNumber()
                + " of L2 blocks "
                + parent.id()
                + " and "
                + n.id()
                + " do not follow");
      }
      n = parent;
      // The parent of the first block of an epoch a full sequencing window behind is safe.
      if (ready) {
        return new L2Heads(requireUnsafe(resultUnsafe, n), n, finalized);
      }
    }
  }

  /**
   * How far back L1 data may still change the safe chain: the sequencing window, or with alt-DA the
   * challenge and resolve windows if longer (op-node's {@code SyncLookback}).
   */
  static long syncLookback(RollupConfig config) {
    if (config.altDa().isPresent()) {
      RollupConfig.AltDaConfig altDa = config.altDa().get();
      long window = altDa.daChallengeWindow() + altDa.daResolveWindow();
      if (Long.compareUnsigned(window, config.seqWindowSize()) > 0) {
        return window;
      }
    }
    return config.seqWindowSize();
  }

  private static L2BlockRef requireUnsafe(L2BlockRef unsafe, L2BlockRef at) {
    if (unsafe == null) {
      // op-node would return an empty unsafe head here; the walk only reaches this point if no
      // block down to the finalized one has a plausible L1 origin, which the finalized block has.
      return at;
    }
    return unsafe;
  }
}
