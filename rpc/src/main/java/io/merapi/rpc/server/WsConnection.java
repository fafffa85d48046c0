package io.merapi.rpc.server;

import io.merapi.rpc.metrics.RpcMetrics;
import io.merapi.rpc.subscription.ConnectionSubscriptions;
import io.merapi.rpc.subscription.NotificationSink;
import io.merapi.rpc.subscription.ServerSubscription;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client: JSON-RPC messages in, responses and notifications out, all writes on the
 * connection's event loop. What is queued for the client but not yet taken by the socket is
 * counted; a client that lets it grow past the limit is dropped, so that a slow reader cannot make
 * the server hold notifications without bound.
 */
final class WsConnection implements NotificationSink {
  private static final Logger LOG = LoggerFactory.getLogger(WsConnection.class);

  /** geth pings every 30 s; the pings also keep the idle timeout from closing quiet clients. */
  static final long PING_INTERVAL_MS = 30_000;

  /** Close code 1008 (policy violation) for a client dropped for not reading. */
  static final short CLOSE_POLICY = 1008;

  /** Close code 1009 (message too big). */
  static final short CLOSE_TOO_BIG = 1009;

  private final ServerWebSocket socket;
  private final Context context;
  private final Vertx vertx;
  private final RpcProcessor processor;
  private final RpcMetrics metrics;
  private final long queueLimit;
  private final ConnectionSubscriptions subscriptions;
  private final Transport transport;
  private final String remote;

  // Confined to the event loop.
  private long queuedBytes;
  private boolean closed;
  private long pingTimer = -1;

  WsConnection(
      ServerWebSocket socket,
      Context context,
      RpcProcessor processor,
      RpcMetrics metrics,
      long queueLimit) {
    this.socket = socket;
    this.context = context;
    this.vertx = context.owner();
    this.processor = processor;
    this.metrics = metrics;
    this.queueLimit = queueLimit;
    this.subscriptions = new ConnectionSubscriptions(this);
    this.transport = new Transport.WebSocket(subscriptions);
    this.remote = String.valueOf(socket.remoteAddress());
  }

  void start() {
    metrics.webSocketOpened();
    socket.textMessageHandler(text -> onMessage(text.getBytes(StandardCharsets.UTF_8)));
    socket.binaryMessageHandler(data -> onMessage(data.getBytes()));
    socket.exceptionHandler(this::onException);
    socket.closeHandler(v -> onClose());
    pingTimer = vertx.setPeriodic(PING_INTERVAL_MS, id -> socket.writePing(Buffer.buffer()));
  }

  /**
   * Vert.x reports a message over the size limit as an IllegalStateException and drops it; the
   * client would wait for an answer forever, so close as geth does (RFC 6455 code 1009).
   */
  private void onException(Throwable failure) {
    if (failure instanceof IllegalStateException && !closed) {
      LOG.debug("Closing WebSocket {}: {}", remote, failure.getMessage());
      socket.close(CLOSE_TOO_BIG, "message too big");
    } else {
      LOG.debug("WebSocket {} failed: {}", remote, failure.toString());
    }
  }

  private void onMessage(byte[] message) {
    processor.handle(message, transport).thenAccept(reply -> execute(() -> deliver(reply)));
  }

  private void deliver(Reply reply) {
    reply.body().ifPresent(bytes -> send(new String(bytes, StandardCharsets.UTF_8)));
    for (ServerSubscription<?> subscription : reply.opened()) {
      subscription.activate();
    }
  }

  @Override
  public void execute(Runnable task) {
    if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  @Override
  public void send(String message) {
    if (closed) {
      return;
    }
    int size = message.length();
    queuedBytes += size;
    if (queuedBytes > queueLimit) {
      drop(queuedBytes + " bytes queued, limit " + queueLimit);
      return;
    }
    socket.writeTextMessage(message).onComplete(done -> queuedBytes -= size);
  }

  @Override
  public void drop(String reason) {
    if (closed) {
      return;
    }
    LOG.warn("Dropping WebSocket client {} that does not read its messages: {}", remote, reason);
    metrics.slowClientDropped();
    closed = true;
    subscriptions.closeAll();
    socket.close(CLOSE_POLICY, "send queue full");
  }

  private void onClose() {
    if (pingTimer >= 0) {
      vertx.cancelTimer(pingTimer);
    }
    closed = true;
    subscriptions.closeAll();
    metrics.webSocketClosed();
  }

  int subscriptionCount() {
    return subscriptions.size();
  }
}
