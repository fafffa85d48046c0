package io.merapi.execution.dev;

import java.time.Duration;

/**
 * The dev chain's beacon slots: slot {@code s} starts at {@code genesisTime + s * secondsPerSlot},
 * the block of a slot is the one whose timestamp falls in it, exactly as op-node finds the slot of
 * an L1 block ({@code (timestamp - genesis_time) / SECONDS_PER_SLOT}, op-service {@code
 * L1BeaconClient.GetTimeToSlotFn}) from the beacon API's genesis and spec.
 *
 * <p>The dev producer keeps one block per slot: with a period its blocks are stamped on slot starts
 * ({@link #nextTimestamp}), and without one (a block per transaction) a slot is one second and
 * timestamps already rise by at least a second. Slots without a block are missed slots, as on a
 * real chain. The slot is derived from the timestamp rather than being the block number because
 * timestamps follow the wall clock: a node stopped for an hour leaves an hour of empty slots.
 *
 * @param genesisTime the L1 genesis block's timestamp (the beacon {@code genesis_time})
 * @param secondsPerSlot {@code SECONDS_PER_SLOT}: the dev period, or 1 when it is zero
 */
public record SlotClock(long genesisTime, long secondsPerSlot) {
  public SlotClock {
    if (genesisTime < 0) {
      throw new IllegalArgumentException("genesis time out of range: " + genesisTime);
    }
    if (secondsPerSlot < 1) {
      throw new IllegalArgumentException("a slot lasts at least a second: " + secondsPerSlot);
    }
  }

  /** The slots of a chain with this genesis time and dev period (zero: one-second slots). */
  public static SlotClock of(long genesisTime, Duration period) {
    return new SlotClock(genesisTime, Math.max(1, period.toSeconds()));
  }

  /**
   * The slot a timestamp falls in.
   *
   * @throws IllegalArgumentException if the timestamp is before genesis
   */
  public long slotOf(long timestamp) {
    if (Long.compareUnsigned(timestamp, genesisTime) < 0) {
      throw new IllegalArgumentException(
          "timestamp " + Long.toUnsignedString(timestamp) + " precedes genesis " + genesisTime);
    }
    return Long.divideUnsigned(timestamp - genesisTime, secondsPerSlot);
  }

  /** When a slot starts. */
  public long timeOf(long slot) {
    return Math.addExact(genesisTime, Math.multiplyExact(slot, secondsPerSlot));
  }

  /**
   * The timestamp of a block built {@code now} on a parent stamped {@code parentTimestamp}: the
   * start of the current slot, or of the slot after the parent's when blocks come faster than the
   * clock (then the chain runs ahead of it until the clock catches up).
   */
  public long nextTimestamp(long parentTimestamp, long now) {
    long current = Long.compareUnsigned(now, genesisTime) < 0 ? 0 : slotOf(now);
    return timeOf(Math.max(current, slotOf(parentTimestamp) + 1));
  }

  /**
   * How long from {@code nowMillis} (epoch milliseconds) until the next slot starts: when a
   * producer on a timer should seal, so that a block appears as its slot begins, as a beacon
   * proposer's does, and the head's timestamp trails the wall clock by less than a slot.
   */
  public long millisUntilNextSlot(long nowMillis) {
    long now = Math.floorDiv(nowMillis, 1000);
    long current = Long.compareUnsigned(now, genesisTime) < 0 ? -1 : slotOf(now);
    return Math.max(0, timeOf(current + 1) * 1000 - nowMillis);
  }
}
