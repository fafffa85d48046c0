package io.merapi.cannon.oracle;

import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.List;

/**
 * Bounds each exchange with the host: when an exchange takes longer than the timeout, or the host
 * has died and the exchange still waits (a grandchild may hold the pipes open), the channels are
 * closed, which wakes the blocked read or write with an error. One daemon thread checks ten times a
 * second; between exchanges it does nothing.
 */
final class Watchdog implements AutoCloseable {
  /** How long a read may wait after the host died before the channels are closed. */
  private static final long AFTER_EXIT_NANOS = Duration.ofSeconds(1).toNanos();

  private final Process process;
  private final List<FileChannel> channels;
  private final long timeoutNanos;
  private final Thread thread;
  private volatile long busySince;
  private volatile String fired;
  private volatile boolean closed;

  Watchdog(Process process, List<FileChannel> channels, Duration timeout) {
    this.process = process;
    this.channels = channels;
    this.timeoutNanos = timeout.toNanos();
    this.thread = Thread.ofPlatform().daemon().name("cannon-host-watchdog").start(this::watch);
  }

  void begin() {
    busySince = System.nanoTime();
  }

  void end() {
    busySince = 0;
  }

  /** Why the watchdog closed the channels, or null when it did not. */
  String fired() {
    return fired;
  }

  private void watch() {
    while (!closed) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
      long since = busySince;
      if (since == 0 || fired != null) {
        continue;
      }
      long waited = System.nanoTime() - since;
      if (waited > timeoutNanos) {
        fire("the host did not answer within " + timeoutNanos / 1_000_000_000L + " s");
      } else if (!process.isAlive() && waited > AFTER_EXIT_NANOS) {
        fire("the host exited (code " + process.exitValue() + ") without answering");
      }
    }
  }

  private void fire(String reason) {
    fired = reason;
    channels.forEach(HostProcess::closeQuietly);
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
