package io.merapi.node.driver;

import java.time.Duration;
import java.util.Objects;

/**
 * How the driver runs (op-node's driver flags).
 *
 * @param sequencerEnabled {@code --sequencer.enabled}: this node builds blocks
 * @param sequencerStopped {@code --sequencer.stopped}: ...but waits for {@code
 *     admin_startSequencer}
 * @param sequencerConfs {@code --sequencer.l1-confs}: L1 blocks the sequencer leaves unadopted
 * @param verifierConfs {@code --verifier.l1-confs}: L1 blocks derivation leaves unread
 * @param l1PollInterval how often the L1 head, safe and finalized blocks are read
 */
public record DriverConfig(
    boolean sequencerEnabled,
    boolean sequencerStopped,
    long sequencerConfs,
    long verifierConfs,
    Duration l1PollInterval) {
  public DriverConfig {
    Objects.requireNonNull(l1PollInterval, "l1PollInterval");
    if (sequencerConfs < 0 || verifierConfs < 0) {
      throw new IllegalArgumentException("confirmation depths must not be negative");
    }
    if (l1PollInterval.isNegative() || l1PollInterval.isZero()) {
      throw new IllegalArgumentException("the L1 poll interval must be positive");
    }
  }
}
