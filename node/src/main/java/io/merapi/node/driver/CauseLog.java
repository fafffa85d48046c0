package io.merapi.node.driver;

import org.slf4j.Logger;

/**
 * One log line per cause: a failure is logged when it first appears (or changes), repeats of the
 * same cause are counted quietly, and recovery is logged once with the count, so that a dead L1 or
 * engine does not flood the log while the driver retries.
 */
final class CauseLog {
  private final Logger log;
  private String current;
  private int repeats;

  CauseLog(Logger log) {
    this.log = log;
  }

  void failed(String what, Exception cause) {
    String message = what + ": " + cause.getMessage();
    if (message.equals(current)) {
      repeats++;
      log.debug("{} (again, {} times)", message, repeats);
      return;
    }
    current = message;
    repeats = 0;
    log.warn("{}; retrying with backoff", message);
  }

  void recovered() {
    if (current != null) {
      log.info("Recovered after {} retries from: {}", repeats + 1, current);
      current = null;
      repeats = 0;
    }
  }
}
