package io.merapi.cannon.oracle;

import java.io.UncheckedIOException;

/**
 * The host's oracle with every exchange under the {@link Watchdog}; an I/O failure becomes a {@link
 * PreimageHostException} that says what the host did (exited with its code, closed the pipe, timed
 * out).
 */
final class GuardedOracle implements PreimageOracle {
  private final PreimageOracle streams;
  private final Watchdog watchdog;
  private final Process process;

  GuardedOracle(PreimageOracle streams, Watchdog watchdog, Process process) {
    this.streams = streams;
    this.watchdog = watchdog;
    this.process = process;
  }

  @Override
  public void hint(byte[] hint) {
    watchdog.begin();
    try {
      streams.hint(hint);
    } catch (UncheckedIOException e) {
      throw failure("hint", e);
    } finally {
      watchdog.end();
    }
  }

  @Override
  public byte[] getPreimage(byte[] key) {
    watchdog.begin();
    try {
      return streams.getPreimage(key);
    } catch (UncheckedIOException e) {
      throw failure("pre-image request", e);
    } finally {
      watchdog.end();
    }
  }

  private PreimageHostException failure(String what, UncheckedIOException e) {
    String why = watchdog.fired();
    if (why == null) {
      Throwable cause = e.getCause();
      why = cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
      if (exited()) {
        why += " (the host exited with code " + process.exitValue() + ")";
      }
    }
    return new PreimageHostException(what + " failed: " + why, e);
  }

  /** A closed pipe usually means the host is exiting: give it a moment to be reaped. */
  private boolean exited() {
    try {
      return process.waitFor(1, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }
}
