package io.merapi.explorer;

import java.util.OptionalLong;
import java.util.function.LongPredicate;

/**
 * Binary search over numbers for a property that, once true, stays true for every larger number (a
 * safe head recorded per L1 block, an L1 block's time, the L2 block of the n-th dispute game): the
 * explorer asks nodes about such sequences in about log2(range) questions instead of scanning.
 */
public final class MonotoneSearch {
  private MonotoneSearch() {}

  /**
   * The smallest number in {@code [low, high]} for which {@code reached} holds, or empty if it does
   * not hold even for {@code high}. {@code reached} must be false below some number and true from
   * it on.
   */
  public static OptionalLong first(long low, long high, LongPredicate reached) {
    if (low > high || !reached.test(high)) {
      return OptionalLong.empty();
    }
    long lo = low;
    long hi = high;
    // Invariant: reached(hi); nothing below lo reaches.
    while (lo < hi) {
      long mid = lo + (hi - lo) / 2;
      if (reached.test(mid)) {
        hi = mid;
      } else {
        lo = mid + 1;
      }
    }
    return OptionalLong.of(hi);
  }
}
