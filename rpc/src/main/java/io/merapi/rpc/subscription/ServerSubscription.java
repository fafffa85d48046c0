package io.merapi.rpc.subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * One live subscription of one connection. Notifications produced before the client has been sent
 * the subscription id are held back and released by {@link #activate}, so that a client never sees
 * a notification for an id it does not know yet (geth's Notifier does the same).
 */
public final class ServerSubscription<E> {
  /** Notifications held before activation; beyond this the client is not reading its answers. */
  static final int MAX_HELD = 10_000;

  private final String id;
  private final Topic<E> topic;
  private final EventFilter<E> filter;
  private final NotificationSink sink;
  private final String envelopeStart;

  // Confined to the sink's I/O thread.
  private boolean active;
  private List<String> held = new ArrayList<>();

  ServerSubscription(String id, Topic<E> topic, EventFilter<E> filter, NotificationSink sink) {
    this.id = id;
    this.topic = topic;
    this.filter = filter;
    this.sink = sink;
    this.envelopeStart =
        "{\"jsonrpc\":\"2.0\",\"method\":\""
            + topic.namespace()
            + "_subscription\",\"params\":{\"subscription\":\""
            + id
            + "\",\"result\":";
  }

  public String id() {
    return id;
  }

  public Topic<E> topic() {
    return topic;
  }

  EventFilter<E> filter() {
    return filter;
  }

  /** Called from the publishing thread with one serialized result. */
  void deliver(String resultJson) {
    String message = envelopeStart + resultJson + "}}";
    sink.execute(() -> sendOrHold(message));
  }

  private void sendOrHold(String message) {
    if (active) {
      sink.send(message);
    } else if (held.size() < MAX_HELD) {
      held.add(message);
    } else {
      sink.drop("subscription " + id + " held " + MAX_HELD + " notifications before activation");
    }
  }

  /** Releases held notifications; call on the sink's I/O thread after the id has been sent. */
  public void activate() {
    if (active) {
      return;
    }
    active = true;
    List<String> release = held;
    held = List.of();
    for (String message : release) {
      sink.send(message);
    }
  }
}
