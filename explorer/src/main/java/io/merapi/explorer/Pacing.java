package io.merapi.explorer;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The rhythm of a background loop (the followers, the carrier warmer): a pause between rounds that
 * {@link #stop} cuts short, and a pause that grows while rounds keep failing, so that an
 * unreachable node is asked less and less often, and never more often than the poll interval.
 */
public final class Pacing {
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final Duration pollInterval;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private volatile boolean running = true;

  public Pacing(Duration pollInterval) {
    this.pollInterval = pollInterval;
  }

  public Duration pollInterval() {
    return pollInterval;
  }

  /** False once {@link #stop} was called or the loop's thread was interrupted. */
  public boolean running() {
    return running;
  }

  /** Waits {@code duration}, or less if the loop is stopped meanwhile. */
  public void pause(Duration duration) {
    try {
      stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    }
  }

  /** Waits after the {@code failures}-th failed round in a row: 250 ms doubling up to 10 s. */
  public void backoff(long failures) {
    long millis = Math.min(MAX_BACKOFF.toMillis(), 250L << Math.min(failures - 1, 10));
    pause(Duration.ofMillis(Math.max(millis, pollInterval.toMillis())));
  }

  public void stop() {
    running = false;
    stopped.countDown();
  }
}
