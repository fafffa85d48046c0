package io.merapi.node.client;

import io.merapi.derive.DerivationException;
import io.merapi.rpc.client.RetryPolicy;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call under a {@link RetryPolicy}: failures that {@code temporary} accepts are retried
 * after a backoff; other failures, and the last temporary one once the policy is used up, become a
 * {@link DerivationException.Temporary} naming what was asked and why it failed, so that the driver
 * retries the whole step later.
 */
public final class Retrier {
  private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

  /** Waits between tries; tests pass one that does not sleep. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  public static final Sleeper THREAD_SLEEP = d -> Thread.sleep(d.toMillis());

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final Predicate<Throwable> temporary;

  public Retrier(RetryPolicy policy, Sleeper sleeper, Predicate<Throwable> temporary) {
    this.policy = policy;
    this.sleeper = sleeper;
    this.temporary = temporary;
  }

  /**
   * The result of {@code call}; {@code what} says in the error message what was asked ("L1 block
   * 0x12.. by hash"). A failure that is not temporary becomes a {@link
   * DerivationException.Temporary} at once: the driver retries the whole step later.
   */
  public <T> T run(String what, Supplier<T> call) {
    try {
      return retry(what, call);
    } catch (DerivationException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new DerivationException.Temporary(what + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * The result of {@code call}, tried again while it fails for a temporary reason; a failure that
   * is not temporary is thrown unchanged, for the caller to judge.
   */
  public <T> T retry(String what, Supplier<T> call) {
    long waited = 0;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.get();
      } catch (DerivationException e) {
        throw e;
      } catch (RuntimeException e) {
        if (!temporary.test(e)) {
          throw e;
        }
        Duration delay = policy.delayAfter(attempt);
        if (attempt >= policy.maxAttempts()
            || waited + delay.toMillis() > policy.budget().toMillis()) {
          throw new DerivationException.Temporary(
              what + " failed after " + attempt + " tries: " + e.getMessage(), e);
        }
        // One line per retry at debug level: the final failure is what the driver logs.
        LOG.debug(
            "{} failed (try {}), retrying in {} ms: {}",
            what,
            attempt,
            delay.toMillis(),
            e.getMessage());
        waited += delay.toMillis();
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new DerivationException.Temporary(what + " interrupted", interrupted);
        }
      }
    }
  }
}
