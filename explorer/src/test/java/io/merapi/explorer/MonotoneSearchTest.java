package io.merapi.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class MonotoneSearchTest {
  @Test
  void findsTheFirstNumberThatReachesInLogarithmicallyManyQuestions() {
    List<Long> asked = new ArrayList<>();
    OptionalLong first =
        MonotoneSearch.first(
            0,
            1_000_000,
            n -> {
              asked.add(n);
              return n >= 123_457;
            });
    assertThat(first).hasValue(123_457);
    assertThat(asked).hasSizeLessThanOrEqualTo(22);
  }

  @Test
  void theEndsOfTheRangeAndEmptyRanges() {
    assertThat(MonotoneSearch.first(5, 9, n -> true)).hasValue(5);
    assertThat(MonotoneSearch.first(5, 9, n -> n >= 9)).hasValue(9);
    assertThat(MonotoneSearch.first(5, 9, n -> false)).isEmpty();
    assertThat(MonotoneSearch.first(5, 4, n -> true)).isEmpty();
    assertThat(MonotoneSearch.first(0, Long.MAX_VALUE, n -> n >= Long.MAX_VALUE - 1))
        .hasValue(Long.MAX_VALUE - 1);
  }
}
