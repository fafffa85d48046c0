package io.merapi.proposer;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link L2OutputSubmitter} every {@code --poll-interval} on a thread of its own (a {@link
 * PollLoop}), from {@link #start} to {@link #stop} (also {@code admin_startProposer}/{@code
 * admin_stopProposer}). After a proposal the next step runs at once: another may be due (catching
 * up).
 */
public final class ProposerDriver implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProposerDriver.class);

  private final PollLoop loop;

  public ProposerDriver(L2OutputSubmitter submitter, Duration pollInterval) {
    this.loop =
        new PollLoop(
            "Proposer",
            LOG,
            pollInterval,
            () -> {
              L2OutputSubmitter.Outcome outcome = submitter.step();
              if (outcome instanceof L2OutputSubmitter.Idle idle) {
                LOG.debug("Not proposing: {}", idle.why());
              }
              return outcome instanceof L2OutputSubmitter.Proposed;
            });
  }

  /** Starts proposing; an error if it is running already (op-proposer's answer). */
  public void start() {
    loop.start();
  }

  /** Stops proposing, waiting for the step under way; an error if it is not running. */
  public void stop() throws InterruptedException {
    loop.stop();
  }

  public boolean running() {
    return loop.running();
  }

  @Override
  public void close() {
    loop.close();
  }
}
