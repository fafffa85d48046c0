package io.merapi.execution.dev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotClockTest {
  private record Case(
      String name, long genesis, long period, long parent, long now, long timestamp, long slot) {}

  @Test
  void blocksAreStampedOnSlotStartsOneSlotEach() {
    List<Case> cases =
        List.of(
            new Case("on time, period 12", 0, 12, 1200, 1213, 1212, 101),
            new Case("late by two slots", 0, 12, 1200, 1250, 1248, 104),
            new Case("faster than the clock: the next slot", 0, 12, 1200, 1200, 1212, 101),
            new Case("parent off the grid (period changed)", 0, 12, 1205, 1206, 1212, 101),
            new Case("genesis in the future of the clock", 5000, 2, 5000, 10, 5002, 1),
            new Case("period 0: one-second slots", 0, 0, 1000, 1000, 1001, 1001),
            new Case("period 0, clock ahead", 100, 0, 1000, 2000, 2000, 1900));
    for (Case c : cases) {
      SlotClock slots = SlotClock.of(c.genesis(), Duration.ofSeconds(c.period()));
      long timestamp = slots.nextTimestamp(c.parent(), c.now());
      assertThat(timestamp).as(c.name()).isEqualTo(c.timestamp());
      assertThat(slots.slotOf(timestamp)).as(c.name()).isEqualTo(c.slot());
      assertThat(slots.slotOf(timestamp)).as(c.name()).isGreaterThan(slots.slotOf(c.parent()));
      assertThat(slots.timeOf(c.slot())).as(c.name()).isEqualTo(timestamp);
    }
  }

  @Test
  void theSlotIsOpNodesTimeToSlot() {
    // op-node: slot = (timestamp - genesis_time) / SECONDS_PER_SLOT, timestamps before genesis
    // fail.
    SlotClock slots = new SlotClock(1_606_824_023L, 12);
    assertThat(slots.slotOf(1_606_824_023L + 12 * 7_422_094L + 11)).isEqualTo(7_422_094L);
    assertThatThrownBy(() -> slots.slotOf(1_606_824_022L)).hasMessageContaining("precedes genesis");
    assertThat(SlotClock.of(0, Duration.ZERO).secondsPerSlot()).isEqualTo(1);
  }

  @Test
  void aTimedProducerSealsWhenTheNextSlotStarts() {
    SlotClock slots = new SlotClock(1_000, 6);
    assertThat(slots.millisUntilNextSlot(1_000_000)).as("on a slot start").isEqualTo(6_000);
    assertThat(slots.millisUntilNextSlot(1_005_900)).as("late in a slot").isEqualTo(100);
    assertThat(slots.millisUntilNextSlot(1_012_001)).as("just after").isEqualTo(5_999);
    assertThat(slots.millisUntilNextSlot(400_000)).as("before genesis: slot 0").isEqualTo(600_000);
    assertThat(SlotClock.of(0, Duration.ZERO).millisUntilNextSlot(7_250)).isEqualTo(750);
  }
}
