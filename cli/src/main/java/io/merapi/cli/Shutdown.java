package io.merapi.cli;

import java.util.concurrent.CountDownLatch;

/**
 * How a long-running service command ends: SIGTERM or SIGINT runs the JVM's shutdown hooks, the
 * hook closes the service (its own clean stop), and the command's thread, waiting on {@link
 * #await}, returns. A service that cannot close cleanly is reported, not rethrown: the JVM is going
 * down either way.
 */
final class Shutdown {
  private final CountDownLatch stopped = new CountDownLatch(1);

  private Shutdown() {}

  /** Closes {@code service} when the process is told to stop. */
  static Shutdown closing(AutoCloseable service) {
    Shutdown shutdown = new Shutdown();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    service.close();
                  } catch (Exception e) {
                    System.err.println("closing failed: " + e.getMessage());
                  } finally {
                    shutdown.stopped.countDown();
                  }
                },
                "shutdown"));
    return shutdown;
  }

  /** Waits until the service has been closed. */
  void await() throws InterruptedException {
    stopped.await();
  }
}
