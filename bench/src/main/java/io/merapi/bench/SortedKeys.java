package io.merapi.bench;

import java.util.Arrays;

/**
 * Sorts n 32-byte keys laid out in one array without an object per key: the first 42 bits of each
 * key and its index share one long, a primitive sort orders those, and the rare runs with equal
 * prefixes are finished by comparing whole keys.
 */
final class SortedKeys {
  private SortedKeys() {}

  /** The key indexes in ascending key order. */
  static int[] order(byte[] keys, int n) {
    if (n > (1 << 21)) {
      throw new IllegalArgumentException("at most 2^21 keys");
    }
    long[] packed = new long[n];
    for (int i = 0; i < n; i++) {
      long prefix = 0;
      for (int b = 0; b < 8; b++) {
        prefix = (prefix << 8) | (keys[32 * i + b] & 0xff);
      }
      // The key's top 42 bits in bits 21..62 (so the long stays non-negative), the index below.
      packed[i] = ((prefix >>> 22) << 21) | i;
    }
    Arrays.sort(packed);
    int[] order = new int[n];
    long mask = (1L << 21) - 1;
    for (int k = 0; k < n; k++) {
      order[k] = (int) (packed[k] & mask);
    }
    // Insertion sort finishes runs whose prefixes tie (about n^2 / 2^43 of them: almost none).
    for (int k = 1; k < n; k++) {
      int current = order[k];
      int j = k - 1;
      while (j >= 0
          && (packed[j] >>> 21) == (packed[k] >>> 21)
          && Arrays.compareUnsigned(
                  keys, 32 * order[j], 32 * order[j] + 32, keys, 32 * current, 32 * current + 32)
              > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = current;
    }
    return order;
  }
}
