package io.merapi.derive.stage;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.SystemConfigUpdates;
import io.merapi.derive.source.L1Source;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.receipt.Receipt;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The first stage (specs derivation.md "L1 Traversal"): the L1 block the pipeline reads from, one
 * block at a time, and the system config as of that block. Advancing applies the new block's {@code
 * ConfigUpdate} logs before any of its batcher transactions are read, so that "the batch-sender
 * authentication is always accurate to the exact L1 block that is read".
 */
public final class L1Traversal implements OriginProvider, SignalReceiver {

  /** An L1 block handed to L1 retrieval, with the system config that applies to its data. */
  public record TraversedBlock(L1BlockRef block, RollupConfig.SystemConfig systemConfig) {
    public TraversedBlock {
      Objects.requireNonNull(block, "block");
      Objects.requireNonNull(systemConfig, "systemConfig");
    }
  }

  private final RollupConfig config;
  private final L1Source l1;
  private L1BlockRef block;
  private RollupConfig.SystemConfig systemConfig;
  private boolean done;

  /**
   * A traversal at {@code start} with the system config {@code startConfig}; the pipeline resets it
   * to the real starting point before the first step.
   */
  public L1Traversal(
      RollupConfig config, L1Source l1, L1BlockRef start, RollupConfig.SystemConfig startConfig) {
    this.config = Objects.requireNonNull(config, "config");
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.block = Objects.requireNonNull(start, "start");
    this.systemConfig = Objects.requireNonNull(startConfig, "startConfig");
  }

  @Override
  public L1BlockRef origin() {
    return block;
  }

  public RollupConfig.SystemConfig systemConfig() {
    return systemConfig;
  }

  /** The current block, once; {@link StageResult.Eof} after that until the next advance. */
  public StageResult<TraversedBlock> nextL1Block() {
    if (done) {
      return StageResult.eof();
    }
    done = true;
    return StageResult.ready(new TraversedBlock(block, systemConfig));
  }

  /**
   * Moves to the next L1 block, if the L1 has one.
   *
   * @return false if the L1 has no next block yet
   * @throws DerivationException.Reset if the next block does not build on the current one (an L1
   *     reorg)
   * @throws DerivationException.Critical if applying its system config updates fails
   */
  public boolean advanceL1Block() {
    Optional<L1BlockRef> next = l1.blockRefByNumber(block.number() + 1);
    if (next.isEmpty()) {
      return false;
    }
    L1BlockRef nextBlock = next.get();
    if (!nextBlock.parentHash().equals(block.hash())) {
      throw new DerivationException.Reset(
          "L1 reorg detected: block "
              + Long.toUnsignedString(nextBlock.number())
              + " "
              + nextBlock.hash()
              + " has parent "
              + nextBlock.parentHash()
              + ", not the traversed "
              + block.hash());
    }
    List<Receipt> receipts = l1.receiptsByHash(nextBlock.hash());
    RollupConfig.SystemConfig updated;
    try {
      // Updates that do not parse are skipped by SystemConfigUpdates, as the specs now say.
      updated =
          SystemConfigUpdates.apply(
              systemConfig, receipts, config.l1SystemConfigAddress(), config, nextBlock.time());
    } catch (DerivationException e) {
      throw e;
    } catch (RuntimeException e) {
      // Nothing else can be derived without knowing the batcher (op-node: critical error).
      throw new DerivationException.Critical(
          "system config update in L1 block " + nextBlock.hash() + " failed: " + e.getMessage(), e);
    }
    systemConfig = updated;
    block = nextBlock;
    done = false;
    return true;
  }

  @Override
  public void signal(Signal signal) {
    if (signal instanceof Signal.Reset reset) {
      block = reset.base();
      systemConfig = reset.systemConfig();
      done = false;
    }
  }
}
