package io.merapi.base.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any input either decodes to an item tree that re-encodes to exactly the same bytes (strict RLP
 * has one encoding per value), or is refused with {@link RlpException}. Any other exception escapes
 * and fails the run. Without {@code JAZZER_FUZZ=1} this replays the seed corpus in {@code
 * src/test/resources/.../RlpFuzzTestInputs}; the {@code fuzz} profile fuzzes for a bounded time.
 */
class RlpFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void decodeIsStrictAndTotal(byte[] input) {
    RlpItem item;
    try {
      item = Rlp.decode(input);
    } catch (RlpException refused) {
      return;
    }
    assertThat(Rlp.encode(item)).isEqualTo(input);
  }
}
