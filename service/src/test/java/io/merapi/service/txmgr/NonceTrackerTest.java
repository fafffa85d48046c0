package io.merapi.service.txmgr;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

class NonceTrackerTest {
  private final AtomicInteger lookups = new AtomicInteger();

  private LongSupplier l1Pending(long value) {
    return () -> {
      lookups.incrementAndGet();
      return value;
    };
  }

  @Test
  void readsTheL1OnceThenCountsItself() {
    NonceTracker nonces = new NonceTracker();
    assertThat(nonces.reserve(l1Pending(7))).isEqualTo(7);
    assertThat(nonces.reserve(l1Pending(7))).isEqualTo(8);
    assertThat(nonces.reserve(l1Pending(7))).isEqualTo(9);
    assertThat(lookups).hasValue(1);
  }

  @Test
  void aReleasedLastNonceIsTakenAgainWithoutAskingTheL1() {
    NonceTracker nonces = new NonceTracker();
    nonces.reserve(l1Pending(3));
    long second = nonces.reserve(l1Pending(3));
    nonces.release(second);
    assertThat(nonces.reserve(l1Pending(99))).isEqualTo(second);
    assertThat(lookups).hasValue(1);
  }

  @Test
  void releasingAnOlderNonceMakesTheNextReservationAskTheL1() {
    NonceTracker nonces = new NonceTracker();
    long first = nonces.reserve(l1Pending(3));
    nonces.reserve(l1Pending(3));
    nonces.release(first);
    assertThat(nonces.peek()).isEmpty();
    assertThat(nonces.reserve(l1Pending(4))).isEqualTo(4);
  }

  @Test
  void aResetTakesTheL1sCountAfterANonceWasUsedElsewhere() {
    NonceTracker nonces = new NonceTracker();
    nonces.reserve(l1Pending(0));
    nonces.reset();
    assertThat(nonces.reserve(l1Pending(5))).isEqualTo(5);
    assertThat(lookups).hasValue(2);
  }
}
