package io.merapi.trie;

import java.util.Arrays;

/**
 * Sorting 32-byte hashed keys (keccak of addresses or slots) for the {@link StackTrieBuilder},
 * without an object per key: the keys lie one after another in one array, the first 42 bits of each
 * and its index share one long, a primitive sort orders those, and the rare runs whose prefixes tie
 * are finished by comparing whole keys. For a genesis or a bulk root this is several times faster
 * than sorting key objects with a comparator.
 */
public final class HashedKeys {
  private static final int KEY = 32;
  private static final int INDEX_BITS = 21;

  private HashedKeys() {}

  /**
   * The indexes {@code 0 .. count-1} of the keys {@code keys[32 i, 32 i + 32)}, in ascending
   * unsigned order of the keys.
   */
  public static int[] ascendingOrder(byte[] keys, int count) {
    if ((long) count * KEY > keys.length) {
      throw new IllegalArgumentException(count + " keys do not fit in " + keys.length + " bytes");
    }
    if (count > (1 << INDEX_BITS)) {
      return byComparison(keys, count);
    }
    long[] packed = new long[count];
    for (int i = 0; i < count; i++) {
      long prefix = 0;
      for (int b = 0; b < 8; b++) {
        prefix = (prefix << 8) | (keys[KEY * i + b] & 0xff);
      }
      // The key's top 42 bits in bits 21..62 (so the long stays non-negative), the index below.
      packed[i] = ((prefix >>> (64 - 42)) << INDEX_BITS) | i;
    }
    Arrays.sort(packed);
    int[] order = new int[count];
    long mask = (1L << INDEX_BITS) - 1;
    for (int k = 0; k < count; k++) {
      order[k] = (int) (packed[k] & mask);
    }
    // Insertion sort within runs of equal prefixes (about count^2 / 2^43 keys: almost none).
    for (int k = 1; k < count; k++) {
      int current = order[k];
      int j = k - 1;
      while (j >= 0
          && (packed[j] >>> INDEX_BITS) == (packed[k] >>> INDEX_BITS)
          && compare(keys, order[j], current) > 0) {
        order[j + 1] = order[j];
        j--;
      }
      order[j + 1] = current;
    }
    return order;
  }

  private static int[] byComparison(byte[] keys, int count) {
    Integer[] boxed = new Integer[count];
    for (int i = 0; i < count; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> compare(keys, a, b));
    int[] order = new int[count];
    for (int i = 0; i < count; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  private static int compare(byte[] keys, int a, int b) {
    return Arrays.compareUnsigned(keys, KEY * a, KEY * a + KEY, keys, KEY * b, KEY * b + KEY);
  }
}
