package io.merapi.execution.dev;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.execution.chain.ChainHead;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A dev chain with a period seals each block as its slot starts, whenever the node was started: the
 * head's timestamp trails the clock by the sealing time, not by up to a slot. Started halfway
 * through a slot here, where a timer running from the start would seal every block half a slot
 * late.
 */
class DevMinerSlotIT {
  private static final long PERIOD_SECONDS = 4;

  @Test
  void blocksAppearWhenTheirSlotStarts() throws Exception {
    DevConfig config =
        DevConfig.defaults()
            .withDataDir(Optional.empty())
            .withPeriod(Duration.ofSeconds(PERIOD_SECONDS));
    try (DevChain dev = DevChain.open(config)) {
      // The dev genesis is at time 0: slots start at multiples of the period.
      long periodMillis = PERIOD_SECONDS * 1000;
      long intoSlot = System.currentTimeMillis() % periodMillis;
      Thread.sleep(Math.floorMod(periodMillis / 2 - intoSlot, periodMillis));
      dev.start();
      List<Long> lateMillis = new ArrayList<>();
      long seen = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(3 * PERIOD_SECONDS + 5).toNanos();
      while (lateMillis.size() < 2 && System.nanoTime() < deadline) {
        ChainHead head = dev.chain().head();
        if (head.number() > seen) {
          seen = head.number();
          lateMillis.add(System.currentTimeMillis() - head.header().timestamp() * 1000);
        }
        Thread.sleep(20);
      }
      assertThat(lateMillis).hasSize(2);
      // Half a slot (2 s) without aligning; sealing an empty block takes milliseconds.
      assertThat(lateMillis).allSatisfy(late -> assertThat(late).isBetween(0L, 1_000L));
    }
  }
}
