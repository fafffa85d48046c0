package io.merapi.service.txmgr;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SendOrderTest {
  @Test
  void turnsFollowTicketsAndSkipAbandonedOnes() throws InterruptedException {
    SendOrder order = new SendOrder();
    long a = order.take();
    long b = order.take();
    long c = order.take();
    assertThat(order.awaitTurn(a)).isTrue();
    order.done(b); // b gave up before its turn
    order.done(a);
    assertThat(order.awaitTurn(c)).isTrue(); // returns at once: b was skipped
    order.done(c);
    long d = order.take();
    assertThat(order.awaitTurn(d)).isTrue();
  }

  @Test
  void closingReleasesWaitersWithoutATurn() throws InterruptedException {
    SendOrder order = new SendOrder();
    order.take();
    long second = order.take();
    order.close();
    assertThat(order.awaitTurn(second)).isFalse();
  }
}
