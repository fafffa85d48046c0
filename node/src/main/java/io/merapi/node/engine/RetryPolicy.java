package io.merapi.node.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * How often a read that got no answer is tried again before the failure is handed up, and how long
 * to wait in between: {@code initialBackoff}, doubling up to {@code maxBackoff}. Bounded, so that a
 * caller with its own loop (the driver) learns of a lasting outage within seconds.
 */
public record RetryPolicy(int attempts, Duration initialBackoff, Duration maxBackoff) {
  /** Five attempts over about 1.5 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(1));

  public RetryPolicy {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1, got " + attempts);
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("backoffs must satisfy 0 <= initial <= max");
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration backoff(int attempt) {
    Duration wait = initialBackoff;
    for (int i = 1; i < attempt && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
