package io.merapi.execution.filter;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The bloom-bits transposition against the plain bloom check it replaces. */
class BloomBitsProperties {
  @Property(tries = 40)
  void candidatesAreExactlyTheBlocksWhoseBloomMayMatch(
      @ForAll long seed, @ForAll @IntRange(min = 1, max = 300) int blocks) {
    Random random = new Random(seed);
    List<Address> addresses = new ArrayList<>();
    List<Hash> topics = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      addresses.add(Address.wrap(bytes(random, 20)));
      topics.add(Hash.wrap(bytes(random, 32)));
    }
    List<LogsBloom> blooms = new ArrayList<>();
    for (int b = 0; b < blocks; b++) {
      LogsBloom.Builder bloom = LogsBloom.builder();
      for (int l = random.nextInt(3); l > 0; l--) {
        bloom.addLog(
            addresses.get(random.nextInt(addresses.size())),
            List.of(topics.get(random.nextInt(topics.size()))));
      }
      blooms.add(bloom.build());
    }
    long[][] vectors = BloomBits.vectors(blooms);
    LogFilter filter =
        new LogFilter(
            List.of(addresses.get(0), addresses.get(1)),
            List.of(List.of(topics.get(random.nextInt(6))), List.of()));
    long[] candidates =
        BloomBits.match(
            filter.bloomClauses(), bit -> BloomBits.decode(BloomBits.encode(vectors[bit])));
    for (int b = 0; b < blocks; b++) {
      boolean candidate = (candidates[b >>> 6] & (1L << (b & 63))) != 0;
      assertThat(candidate).as("block " + b).isEqualTo(filter.mayMatch(blooms.get(b)));
    }
  }

  @Property(tries = 200)
  void vectorsSurviveTheirStoredForm(@ForAll long seed, @ForAll @IntRange(max = 4096) int bits) {
    Random random = new Random(seed);
    long[] vector = new long[BloomBits.WORDS];
    for (int i = 0; i < bits; i++) {
      int position = random.nextInt(BloomBits.SECTION_SIZE);
      vector[position >>> 6] |= 1L << (position & 63);
    }
    assertThat(BloomBits.decode(BloomBits.encode(vector))).isEqualTo(vector);
  }

  private static byte[] bytes(Random random, int length) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }
}
