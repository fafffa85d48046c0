package io.merapi.rpc.subscription;

import io.merapi.rpc.Params;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The subscriptions one connection holds. Closing the connection must call {@link #closeAll} so
 * that topics stop sending to it.
 */
public final class ConnectionSubscriptions {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NotificationSink sink;
  private final Map<String, ServerSubscription<?>> byId = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public ConnectionSubscriptions(NotificationSink sink) {
    this.sink = sink;
  }

  /**
   * Opens a subscription on {@code topic}, not yet active (see {@link
   * ServerSubscription#activate}).
   *
   * @throws io.merapi.rpc.RpcException when the kind refuses the arguments
   */
  public <E> ServerSubscription<E> subscribe(Topic<E> topic, Params params) {
    EventFilter<E> filter = topic.kind().open(params);
    ServerSubscription<E> subscription = new ServerSubscription<>(newId(), topic, filter, sink);
    byId.put(subscription.id(), subscription);
    topic.add(subscription);
    if (closed) {
      // The connection closed while the subscribe call ran: do not leave it in the topic.
      unsubscribe(subscription.id());
    }
    return subscription;
  }

  /** Whether this connection held {@code id}; it is gone afterwards. */
  public boolean unsubscribe(String id) {
    ServerSubscription<?> subscription = byId.remove(id);
    if (subscription == null) {
      return false;
    }
    subscription.topic().remove(subscription);
    return true;
  }

  public void closeAll() {
    closed = true;
    for (String id : byId.keySet()) {
      unsubscribe(id);
    }
  }

  public int size() {
    return byId.size();
  }

  /** geth's subscription ids: 16 random bytes written as a quantity (no leading zeros). */
  static String newId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    String digits = HexFormat.of().formatHex(bytes).replaceFirst("^0+", "");
    return "0x" + (digits.isEmpty() ? "0" : digits);
  }
}
