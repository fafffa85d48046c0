package io.merapi.explorer.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SafeBlockSearchTest {
  /**
   * Safe-head records as a node keeps them: nothing before L1 block 3, then the safe head after
   * each L1 block (it stays put over L1 blocks without batches).
   */
  private static final long[] SAFE_AT = {-1, -1, -1, 0, 4, 4, 4, 9, 15, 15, 22};

  private final List<Long> asked = new ArrayList<>();

  private final LongFunction<OptionalLong> records =
      n -> {
        asked.add(n);
        long index = Math.min(n, SAFE_AT.length - 1);
        return SAFE_AT[(int) index] < 0
            ? OptionalLong.empty()
            : OptionalLong.of(SAFE_AT[(int) index]);
      };

  @ParameterizedTest
  @CsvSource({"0, 3", "1, 4", "4, 4", "5, 7", "9, 7", "10, 8", "15, 8", "16, 10", "22, 10"})
  void findsTheFirstL1BlockAfterWhichTheL2BlockWasSafe(long l2Number, long l1Block) {
    assertThat(SafeBlockSearch.firstL1Block(l2Number, 0, 10, records)).hasValue(l1Block);
  }

  @Test
  void anL2BlockNotSafeYetHasNoL1Block() {
    assertThat(SafeBlockSearch.firstL1Block(23, 0, 10, records)).isEmpty();
    assertThat(SafeBlockSearch.firstL1Block(5, 4, 3, records)).isEmpty();
  }

  @Test
  void asksAboutLog2OfTheRange() {
    long[] big = new long[1 << 20];
    for (int i = 0; i < big.length; i++) {
      big[i] = 3L * i;
    }
    List<Long> questions = new ArrayList<>();
    OptionalLong found =
        SafeBlockSearch.firstL1Block(
            300_001,
            0,
            big.length - 1,
            n -> {
              questions.add(n);
              return OptionalLong.of(big[(int) n]);
            });

    assertThat(found).hasValue(100_001);
    assertThat(questions.size()).isLessThanOrEqualTo(22);
  }
}
