package io.merapi.devnet.load;

import io.merapi.base.bytes.Hash;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a load run did.
 *
 * @param sent transactions sent to the node
 * @param accepted transactions the node took into its pool (their hashes are {@code hashes})
 * @param rejected refusals by reason (the node's error message, or why no answer came)
 * @param skipped transactions that fell due while every sender was busy and were given up
 * @param elapsed from the first tick to the stop
 * @param hashes the accepted transactions' hashes, in the order they were sent
 */
public record LoadSummary(
    long sent,
    long accepted,
    Map<String, Long> rejected,
    long skipped,
    Duration elapsed,
    List<Hash> hashes) {
  public LoadSummary {
    rejected = Map.copyOf(rejected);
    hashes = List.copyOf(hashes);
  }

  /** Accepted transactions per second over the run. */
  public double achievedRate() {
    double seconds = elapsed.toNanos() / 1e9;
    return seconds > 0 ? accepted / seconds : 0;
  }

  public long rejectedCount() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /** One line for a log: counts and rate, not the hashes. */
  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%,d sent, %,d accepted, %,d rejected %s, %,d skipped in %.1f s: %.1f tx/s",
        sent,
        accepted,
        rejectedCount(),
        rejected,
        skipped,
        elapsed.toNanos() / 1e9,
        achievedRate());
  }
}
