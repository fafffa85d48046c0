package io.merapi.types.config;

import java.util.Locale;
import java.util.Optional;

/**
 * EIP-7892's blob-parameter-only forks: from Osaka, a chain may change its blob target, maximum and
 * base-fee update fraction at a timestamp without any other rule changing. Each is scheduled by a
 * {@code bpoNTime} key in the chain config and takes its parameters from the {@code bpoN} entry of
 * the config's {@code blobSchedule}, as geth's genesis format has it.
 */
public enum BpoFork {
  BPO1,
  BPO2,
  BPO3,
  BPO4,
  BPO5;

  /** The {@code blobSchedule} key: {@code bpo1} ... {@code bpo5}. */
  public String scheduleKey() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The chain config's activation-time key: {@code bpo1Time} ... {@code bpo5Time}. */
  public String timeKey() {
    return scheduleKey() + "Time";
  }

  /** The fork of a {@code blobSchedule} key, case-insensitively. */
  public static Optional<BpoFork> fromScheduleKey(String key) {
    for (BpoFork fork : values()) {
      if (fork.scheduleKey().equalsIgnoreCase(key.trim())) {
        return Optional.of(fork);
      }
    }
    return Optional.empty();
  }
}
