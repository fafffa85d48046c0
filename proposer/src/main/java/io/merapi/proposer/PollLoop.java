package io.merapi.proposer;

import io.merapi.rpc.client.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Runs one step every poll interval on a thread of its own, from {@link #start} to {@link #stop}:
 * the loop the proposer and the game resolver share.
 *
 * <p>A failed step (an endpoint unreachable, a contract read or a transaction that failed) is
 * logged once per cause at WARN: the same cause again only at DEBUG, so an outage of an hour is one
 * line and not a thousand, and the step is retried after a backoff that doubles from the poll
 * interval up to a minute. The first success after failures says so.
 */
public final class PollLoop implements AutoCloseable {
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  /** One round of work. */
  @FunctionalInterface
  public interface Step {
    /**
     * @return true when the next round should run at once (catching up), false to wait a poll
     *     interval
     */
    boolean run() throws Exception;
  }

  private final String name;
  private final Logger log;
  private final Duration pollInterval;
  private final Step step;
  private final RetryPolicy backoff;
  private Thread thread;
  private volatile boolean running;

  /**
   * @param name what runs, capitalised, for the log lines ("Proposer") and, lower-cased, the
   *     thread's name
   * @param log the logger of the class that owns the loop, so its lines read as that service's
   */
  public PollLoop(String name, Logger log, Duration pollInterval, Step step) {
    this.name = name;
    this.log = log;
    this.pollInterval = pollInterval;
    this.step = step;
    this.backoff =
        new RetryPolicy(
            Integer.MAX_VALUE,
            pollInterval,
            pollInterval.compareTo(MAX_BACKOFF) > 0 ? pollInterval : MAX_BACKOFF,
            Duration.ZERO);
  }

  /** Starts the loop; an error if it is running already. */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException(name.toLowerCase() + " is already running");
    }
    running = true;
    thread = Thread.ofPlatform().name(name.toLowerCase()).start(this::loop);
    log.info("{} started, polling every {}", name, pollInterval);
  }

  /** Stops the loop, waiting for the step under way; an error if it is not running. */
  public synchronized void stop() throws InterruptedException {
    if (!running) {
      throw new IllegalStateException(name.toLowerCase() + " is not running");
    }
    running = false;
    thread.interrupt();
    thread.join();
    thread = null;
    log.info("{} stopped", name);
  }

  public boolean running() {
    return running;
  }

  @Override
  public synchronized void close() {
    if (running) {
      try {
        stop();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void loop() {
    int failures = 0;
    String lastCause = null;
    while (running) {
      Duration wait = pollInterval;
      try {
        boolean again = step.run();
        if (failures > 0) {
          log.info("{} recovered after {} failed attempts", name, failures);
        }
        failures = 0;
        lastCause = null;
        if (again) {
          wait = Duration.ZERO;
        }
      } catch (InterruptedException e) {
        break;
      } catch (Exception e) {
        if (!running) {
          break;
        }
        failures++;
        String cause = describe(e);
        wait = backoff.delayAfter(failures);
        if (!Objects.equals(cause, lastCause)) {
          log.warn("{} step failed, retrying in {}: {}", name, wait, cause);
          lastCause = cause;
        } else {
          log.debug("{} step failed again ({} in a row): {}", name, failures, cause);
        }
      }
      if (!sleep(wait)) {
        break;
      }
    }
  }

  private boolean sleep(Duration wait) {
    try {
      Thread.sleep(wait);
      return running;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** The failure in one line: its message, with the root cause's where that adds something. */
  static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
      message += " (" + root.getMessage() + ")";
    }
    return message;
  }
}
