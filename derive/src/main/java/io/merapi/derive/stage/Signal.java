package io.merapi.derive.stage;

import io.merapi.derive.L1BlockRef;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.Objects;

/**
 * What the pipeline tells its stages besides asking for data (kona's {@code Signal}, op-node's
 * stage {@code Reset}, {@code Transform} and {@code FlushChannel} calls).
 */
public sealed interface Signal {

  /**
   * Start over from {@code base} (specs derivation.md "Resetting derivation stages"): every stage
   * empties its buffers; L1 traversal continues at {@code base} with the system config that applied
   * there.
   */
  record Reset(L1BlockRef base, RollupConfig.SystemConfig systemConfig) implements Signal {
    public Reset {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(systemConfig, "systemConfig");
    }
  }

  /**
   * The pipeline's L1 origin moved to the first L1 block of {@code fork}. Only Holocene changes the
   * stages (holocene/derivation.md "Activation"): the frame queue is emptied, and the channel bank
   * and batch queue are replaced by the channel assembler and the batch stage.
   */
  record Activation(OpFork fork) implements Signal {
    public Activation {
      Objects.requireNonNull(fork, "fork");
    }
  }

  /**
   * Drop the channel that the current batch came from, and what is left of its span batch
   * (holocene/derivation.md "Fast Channel Invalidation", and the deposits-only replacement of an
   * invalid payload).
   */
  record FlushChannel() implements Signal {}
}
