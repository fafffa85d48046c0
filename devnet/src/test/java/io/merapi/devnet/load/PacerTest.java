package io.merapi.devnet.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PacerTest {
  private static final long SECOND = 1_000_000_000L;
  private static final long START = 5 * SECOND;

  @ParameterizedTest(name = "{0} tx/s, {1} ms after the start: {2} due")
  @CsvSource({
    "200, 0, 0",
    "200, 4, 0", // the first whole transaction falls due at 5 ms
    "200, 5, 1",
    "200, 20, 4", // one 20 ms tick at 200 tx/s
    "200, 1000, 200",
    "0.5, 1999, 0",
    "0.5, 2000, 1",
  })
  void whatIsDueFollowsTheRateSinceTheStart(double rate, long millis, int due) {
    Pacer pacer = new Pacer(rate, START, 10_000);
    assertThat(pacer.due(START + millis * 1_000_000)).isEqualTo(due);
  }

  @Test
  void whatWasSentIsNotDueAgain() {
    Pacer pacer = new Pacer(200, START, 1_000);
    assertThat(pacer.due(START + SECOND / 2)).isEqualTo(100);
    pacer.issued(60);
    assertThat(pacer.due(START + SECOND / 2)).isEqualTo(40);
    pacer.issued(40);
    assertThat(pacer.due(START + SECOND / 2)).isZero();
    assertThat(pacer.due(START + SECOND)).isEqualTo(100);
    assertThat(pacer.issued()).isEqualTo(100);
  }

  @Test
  void aLongStallCatchesUpByTheBacklogOnlyAndCountsTheRestAsSkipped() {
    Pacer pacer = new Pacer(200, START, 200);
    pacer.issued(pacer.due(START + SECOND));
    // Ten seconds with every sender busy: 1,800 more fell due, 200 may still go.
    assertThat(pacer.due(START + 10 * SECOND)).isEqualTo(200);
    assertThat(pacer.skipped()).isEqualTo(1_600);
    pacer.issued(200);
    // Back on the rate from there: 20 ms later four more.
    assertThat(pacer.due(START + 10 * SECOND + 20_000_000)).isEqualTo(4);
    assertThat(pacer.skipped()).isEqualTo(1_600);
  }

  @Test
  void aClockBeforeTheStartOwesNothing() {
    assertThat(new Pacer(200, START, 200).due(START - SECOND)).isZero();
  }

  @Test
  void refusesAZeroRateAndAnEmptyBacklog() {
    assertThatThrownBy(() -> new Pacer(0, START, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Pacer(Double.NaN, START, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Pacer(1, START, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
