package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class HashedKeysProperties {
  /** Keys that share their first {@code shared} bytes, so that prefixes tie often. */
  @Property(tries = 100)
  void ordersLikeAComparatorSort(
      @ForAll @IntRange(min = 0, max = 3000) int count,
      @ForAll @IntRange(min = 0, max = 32) int shared,
      @ForAll long seed) {
    Random random = new Random(seed);
    byte[] keys = new byte[32 * count];
    random.nextBytes(keys);
    for (int i = 0; i < count; i++) {
      System.arraycopy(keys, 0, keys, 32 * i, shared);
      if (shared > 0 && random.nextInt(4) == 0) {
        keys[32 * i + shared - 1] ^= (byte) random.nextInt(2);
      }
    }
    int[] order = HashedKeys.ascendingOrder(keys, count);
    Integer[] expected = IntStream.range(0, count).boxed().toArray(Integer[]::new);
    Arrays.sort(
        expected,
        Comparator.comparing(
            i -> Arrays.copyOfRange(keys, 32 * i, 32 * i + 32), Arrays::compareUnsigned));
    for (int k = 1; k < count; k++) {
      assertThat(
              Arrays.compareUnsigned(
                  keys,
                  32 * order[k - 1],
                  32 * order[k - 1] + 32,
                  keys,
                  32 * order[k],
                  32 * order[k] + 32))
          .isLessThanOrEqualTo(0);
    }
    assertThat(Arrays.stream(order).sorted().toArray())
        .isEqualTo(IntStream.range(0, count).toArray());
    for (int k = 0; k < count; k++) {
      assertThat(Arrays.copyOfRange(keys, 32 * order[k], 32 * order[k] + 32))
          .isEqualTo(Arrays.copyOfRange(keys, 32 * expected[k], 32 * expected[k] + 32));
    }
  }
}
