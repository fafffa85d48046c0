package io.merapi.rpc.client;

import java.time.Duration;

/**
 * How often and how long a call that failed for a temporary reason (connection refused, a timeout,
 * an HTTP 5xx, a block the node does not serve yet) is tried again before the failure goes to the
 * caller: exponential backoff from {@code initialDelay}, doubling up to {@code maxDelay}, at most
 * {@code maxAttempts} tries and never past {@code budget} of total waiting.
 */
public record RetryPolicy(
    int maxAttempts, Duration initialDelay, Duration maxDelay, Duration budget) {
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0 || budget.isNegative()) {
      throw new IllegalArgumentException(
          "need 0 <= initialDelay <= maxDelay and a non-negative budget");
    }
  }

  /**
   * Defaults for an L1 node: five tries over at most ten seconds. The driver retries a failed step
   * itself, so the client only rides out short outages instead of hiding long ones.
   */
  public static RetryPolicy defaults() {
    return new RetryPolicy(
        5, Duration.ofMillis(250), Duration.ofSeconds(4), Duration.ofSeconds(10));
  }

  /** One try, no waiting. */
  public static RetryPolicy none() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
  }

  /** The wait before try {@code attempt + 1} after {@code attempt} failed tries (1-based). */
  public Duration delayAfter(int attempt) {
    long millis = initialDelay.toMillis();
    for (int i = 1; i < attempt && millis < maxDelay.toMillis(); i++) {
      millis *= 2;
    }
    return Duration.ofMillis(Math.min(millis, maxDelay.toMillis()));
  }
}
