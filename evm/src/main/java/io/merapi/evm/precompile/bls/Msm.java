package io.merapi.evm.precompile.bls;

import java.util.Arrays;
import java.util.List;

/**
 * Multi-scalar multiplication sum [k_i] P_i by Pippenger's bucket method: the scalars are cut into
 * c-bit windows; per window each point goes into the bucket of its digit, and the buckets are
 * summed with a running sum (sum_d d * B_d with 2 * 2^c additions). About (256 / c) * (n + 2^c)
 * additions instead of 256 * n / 2 for separate double-and-add.
 */
final class Msm {
  private static final int SCALAR_BITS = 256;

  private Msm() {}

  /** {@code scalars} holds 32-byte big-endian scalars, one per point. */
  static <F extends Field<F>> Point<F> compute(
      Curve<F> curve, List<Point<F>> points, byte[][] scalars) {
    int n = points.size();
    if (n == 1) {
      return curve.mul(points.get(0), scalars[0]);
    }
    int c = window(n);
    int windows = (SCALAR_BITS + c - 1) / c;
    Point<F> acc = curve.infinity();
    @SuppressWarnings({"unchecked", "rawtypes"})
    Point<F>[] buckets = new Point[1 << c];
    for (int w = windows - 1; w >= 0; w--) {
      for (int i = 0; i < c; i++) {
        acc = curve.dbl(acc);
      }
      Arrays.fill(buckets, curve.infinity());
      for (int i = 0; i < n; i++) {
        int digit = digit(scalars[i], w * c, c);
        if (digit != 0) {
          buckets[digit] = curve.add(buckets[digit], points.get(i));
        }
      }
      Point<F> running = curve.infinity();
      Point<F> windowSum = curve.infinity();
      for (int d = buckets.length - 1; d >= 1; d--) {
        running = curve.add(running, buckets[d]);
        windowSum = curve.add(windowSum, running);
      }
      acc = curve.add(acc, windowSum);
    }
    return acc;
  }

  /**
   * The window size: per window n bucket additions plus 2 * 2^c for the running sums, so c a little
   * below log2(n) balances the two.
   */
  private static int window(int n) {
    int log = 31 - Integer.numberOfLeadingZeros(n);
    return Math.max(2, Math.min(log - 2, 16));
  }

  /** Bits [from, from + width) of a 32-byte big-endian scalar, bit 0 the least significant. */
  private static int digit(byte[] scalar, int from, int width) {
    int value = 0;
    for (int i = width - 1; i >= 0; i--) {
      int bit = from + i;
      int bitValue = 0;
      if (bit < SCALAR_BITS) {
        bitValue = (scalar[31 - (bit >>> 3)] >>> (bit & 7)) & 1;
      }
      value = (value << 1) | bitValue;
    }
    return value;
  }
}
