package io.merapi.proposer;

import io.merapi.rpc.client.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link L2OutputSubmitter} every {@code --poll-interval} on a thread of its own, from
 * {@link #start} to {@link #stop} (also {@code admin_startProposer}/{@code admin_stopProposer}).
 *
 * <p>A failed step (rollup node, engine or L1 unreachable, a contract read or a transaction that
 * failed) is logged once per cause at WARN: the same cause again only at DEBUG, so an outage of an
 * hour is one line and not a thousand, and the step is retried after a backoff that doubles from
 * the poll interval up to a minute. The first success after failures says so.
 */
public final class ProposerDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProposerDriver.class);
  private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

  private final L2OutputSubmitter submitter;
  private final Duration pollInterval;
  private final RetryPolicy backoff;
  private Thread thread;
  private volatile boolean running;

  public ProposerDriver(L2OutputSubmitter submitter, Duration pollInterval) {
    this.submitter = submitter;
    this.pollInterval = pollInterval;
    this.backoff =
        new RetryPolicy(
            Integer.MAX_VALUE,
            pollInterval,
            pollInterval.compareTo(MAX_BACKOFF) > 0 ? pollInterval : MAX_BACKOFF,
            Duration.ZERO);
  }

  /** Starts proposing; an error if it is running already (op-proposer's answer). */
  public synchronized void start() {
    if (running) {
      throw new IllegalStateException("proposer is already running");
    }
    running = true;
    thread = Thread.ofPlatform().name("proposer").start(this::loop);
    LOG.info("Proposer started, polling every {}", pollInterval);
  }

  /** Stops proposing, waiting for the step under way; an error if it is not running. */
  public synchronized void stop() throws InterruptedException {
    if (!running) {
      throw new IllegalStateException("proposer is not running");
    }
    running = false;
    thread.interrupt();
    thread.join();
    thread = null;
    LOG.info("Proposer stopped");
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
        L2OutputSubmitter.Outcome outcome = submitter.step();
        if (failures > 0) {
          LOG.info("Proposer recovered after {} failed attempts", failures);
        }
        failures = 0;
        lastCause = null;
        if (outcome instanceof L2OutputSubmitter.Idle idle) {
          LOG.debug("Not proposing: {}", idle.why());
        } else if (outcome instanceof L2OutputSubmitter.Proposed) {
          wait = Duration.ZERO; // another proposal may be due at once (catching up)
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
          LOG.warn("Proposal step failed, retrying in {}: {}", wait, cause);
          lastCause = cause;
        } else {
          LOG.debug("Proposal step failed again ({} in a row): {}", failures, cause);
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
