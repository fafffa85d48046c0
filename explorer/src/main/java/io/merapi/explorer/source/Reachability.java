package io.merapi.explorer.source;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether an endpoint answered its last call, and since when it has not. A change is logged once
 * (WARN when it goes away, INFO when it is back), not once per failed call: a chain restarting
 * under a running explorer is one event.
 */
public final class Reachability {
  private static final Logger LOG = LoggerFactory.getLogger(Reachability.class);

  /** What the pages show: up, or down since {@code since} with the last error. */
  public record State(String endpoint, boolean up, Optional<Instant> since, String lastError) {}

  private final String endpoint;
  private final Clock clock;
  private State state;

  public Reachability(String endpoint, Clock clock) {
    this.endpoint = endpoint;
    this.clock = clock;
    this.state = new State(endpoint, true, Optional.empty(), "");
  }

  public synchronized void answered() {
    if (!state.up()) {
      LOG.info("{} answers again", endpoint);
      state = new State(endpoint, true, Optional.empty(), "");
    }
  }

  public synchronized void failed(String error) {
    if (state.up()) {
      LOG.warn("{} is unreachable: {}", endpoint, error);
      state = new State(endpoint, false, Optional.of(clock.instant()), error);
    } else {
      state = new State(endpoint, false, state.since(), error);
    }
  }

  public synchronized State state() {
    return state;
  }
}
