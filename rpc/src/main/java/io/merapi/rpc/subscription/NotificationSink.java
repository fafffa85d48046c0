package io.merapi.rpc.subscription;

/** The connection that subscriptions write to: a WebSocket, or a fake in tests. */
public interface NotificationSink {
  /** Runs {@code task} on the connection's I/O thread, after the tasks submitted before it. */
  void execute(Runnable task);

  /**
   * Queues one text message; called from {@link #execute} tasks only. A sink whose queue grows past
   * its limit drops the connection rather than buffer without bound.
   */
  void send(String message);

  /** Closes the connection because it cannot keep up; {@code reason} goes to the log. */
  void drop(String reason);
}
