package io.merapi.execution.dev;

/**
 * When the dev chain calls its blocks safe and finalized: a fixed number of blocks behind the head
 * ({@code --dev.safe-depth}, {@code --dev.finalized-depth}), so that a rollup on it sees its L1
 * data become safe and then final some blocks after inclusion, as on a real L1 (where safe trails
 * by about an epoch and finalized by two). Depth 0 labels each new block at once.
 *
 * <p>Labels never go back while the chain only grows; after a rewind ({@code debug_setHead}) they
 * start from where the rewind left them (never above the head), and never go back from there.
 */
public record FinalitySchedule(int safeDepth, int finalizedDepth) {
  /**
   * Safe 8 blocks behind the head, finalized 16: lag enough to test finality, short on a devnet.
   */
  public static final FinalitySchedule DEFAULT = new FinalitySchedule(8, 16);

  /** The old dev behaviour: every block safe and finalized as soon as it is sealed. */
  public static final FinalitySchedule IMMEDIATE = new FinalitySchedule(0, 0);

  public FinalitySchedule {
    if (safeDepth < 0 || finalizedDepth < 0) {
      throw new IllegalArgumentException(
          "safe and finalized depths must not be negative: " + safeDepth + ", " + finalizedDepth);
    }
    if (finalizedDepth < safeDepth) {
      throw new IllegalArgumentException(
          "the finalized depth ("
              + finalizedDepth
              + ") must be at least the safe depth ("
              + safeDepth
              + "): a finalized block is also safe");
    }
  }

  /** Block numbers of the safe and finalized labels. */
  public record Labels(long safe, long finalized) {}

  /**
   * The labels once block {@code head} is sealed, given where they are now (0, the genesis, when
   * not set yet).
   */
  public Labels next(long head, long currentSafe, long currentFinalized) {
    long safe = Math.min(head, Math.max(currentSafe, head - safeDepth));
    long finalized = Math.min(safe, Math.max(currentFinalized, head - finalizedDepth));
    return new Labels(Math.max(0, safe), Math.max(0, finalized));
  }
}
