package io.merapi.explorer.rollup;

import io.merapi.explorer.MonotoneSearch;
import java.util.OptionalLong;
import java.util.function.LongFunction;

/**
 * Finds the first L1 block after which an L2 block was safe, from the node's safe-head records
 * (op-node's safe DB, {@code optimism_safeHeadAtL1Block}): the safe head recorded at an L1 block
 * only grows with the L1 number, so a {@link MonotoneSearch} over the L1 range takes about
 * log2(range) questions. Pure: the records come through {@code safeHeadAt}.
 */
public final class SafeBlockSearch {
  private SafeBlockSearch() {}

  /**
   * The smallest L1 number in {@code [low, high]} whose recorded safe head is at or above {@code
   * l2Number}, or empty if even {@code high}'s is below it.
   *
   * @param safeHeadAt the safe L2 head number recorded at the greatest L1 block at or below the
   *     given one; empty when nothing is recorded that low
   */
  public static OptionalLong firstL1Block(
      long l2Number, long low, long high, LongFunction<OptionalLong> safeHeadAt) {
    return MonotoneSearch.first(low, high, l1 -> reached(safeHeadAt.apply(l1), l2Number));
  }

  private static boolean reached(OptionalLong safeHead, long l2Number) {
    return safeHead.isPresent() && safeHead.getAsLong() >= l2Number;
  }
}
