package io.merapi.derive.stage;

import java.util.Objects;

/**
 * The verdict on a batch (specs derivation.md "Batch Queue", delta/span-batches.md "Batch Queue",
 * holocene/derivation.md "Batch Queue"), with the rule that decided it.
 */
public sealed interface BatchValidity {

  /** "the batch is valid and should be processed". */
  record Accept() implements BatchValidity {}

  /** "the batch is invalid ... It can be removed from the buffer." */
  record Drop(DropReason reason) implements BatchValidity {
    public Drop {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** "we are lacking L1 information until we can proceed batch filtering". */
  record Undecided(UndecidedReason reason) implements BatchValidity {
    public Undecided {
      Objects.requireNonNull(reason, "reason");
    }
  }

  /** Before Holocene: "the batch may be valid, but cannot be processed yet". */
  record Future() implements BatchValidity {}

  /**
   * From Holocene: the batch (or every block of a span batch) is at or before the safe head; it is
   * dropped silently, without dropping the rest of its channel.
   */
  record Past() implements BatchValidity {}

  /** The rule that dropped a batch. */
  enum DropReason {
    /** From Holocene, a batch after the next timestamp: gaps are not buffered any more. */
    FUTURE_TIMESTAMP,
    /** Before Holocene, a singular batch before the next timestamp. */
    PAST_TIMESTAMP,
    /** A span batch ending before the next timestamp, before Holocene. */
    NO_NEW_BLOCKS,
    /** A span batch starting between the safe head and the next timestamp. */
    MISALIGNED_SHORT_BLOCK_TIME,
    /** A span batch starting before the safe head, off the block time grid. */
    MISALIGNED_NOT_OVERLAPPED,
    PARENT_HASH_MISMATCH,
    /** "the batch must be included timely" (sequencing window). */
    INCLUDED_TOO_LATE,
    /** "the batch origin is not older than that of the L2 safe head". */
    EPOCH_TOO_OLD,
    /** "the L1 origin cannot change by more than one L1 block per L2 block". */
    EPOCH_TOO_FAR_AHEAD,
    /** "a batch must reference a canonical L1 origin". */
    EPOCH_HASH_MISMATCH,
    /** A span batch block whose L1 origin is before the safe head's. */
    L1_ORIGIN_BEFORE_SAFE_HEAD,
    /** A span batch block whose L1 origin is not among the known L1 blocks. */
    MISSING_L1_ORIGIN,
    /** A span batch whose first block's L1 origin is before Delta. */
    SPAN_BATCH_BEFORE_DELTA,
    /** "enforce the min L2 timestamp rule". */
    TIMESTAMP_BEFORE_L1_ORIGIN,
    /** Transactions past the sequencer drift. */
    SEQUENCER_DRIFT_EXCEEDED,
    /** An empty batch past the drift that could have adopted the next L1 origin. */
    SEQUENCER_DRIFT_NEXT_ORIGIN_ADOPTABLE,
    EMPTY_TRANSACTION,
    DEPOSIT_TRANSACTION,
    /** A SetCode (type 4) transaction before Isthmus. */
    SET_CODE_BEFORE_ISTHMUS,
    /** A typed transaction of type 3 or above 4: "any transaction of a future type > 2". */
    FUTURE_TRANSACTION_TYPE,
    /** An overlapping span batch block with another number of transactions than the safe one. */
    OVERLAPPED_TRANSACTION_COUNT_MISMATCH,
    /** An overlapping span batch block with other transactions than the safe one. */
    OVERLAPPED_TRANSACTION_MISMATCH,
    /** An overlapping span batch block with another L1 origin than the safe one. */
    OVERLAPPED_L1_ORIGIN_MISMATCH
  }

  /** What is missing to decide. */
  enum UndecidedReason {
    /** No L1 blocks at all. */
    MISSING_L1_BLOCKS,
    /** The batch moves to the next epoch, which is not known yet. */
    NEXT_EPOCH_UNKNOWN,
    /** An empty batch past the drift: whether the next L1 origin was adoptable is not known yet. */
    NEXT_ORIGIN_UNKNOWN,
    /** The L1 block of a span batch's last L1 origin is not known yet. */
    L1_ORIGINS_UNKNOWN,
    /** An L2 block the check needs could not be fetched. */
    L2_BLOCK_UNAVAILABLE
  }

  static BatchValidity accept() {
    return new Accept();
  }

  static BatchValidity drop(DropReason reason) {
    return new Drop(reason);
  }

  static BatchValidity undecided(UndecidedReason reason) {
    return new Undecided(reason);
  }
}
