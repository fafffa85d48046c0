package io.merapi.rpc.subscription;

import io.merapi.rpc.RpcJson;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A subscription name in a namespace ({@code eth} / {@code newHeads}) and its live subscribers. The
 * application publishes events to it from any thread; each subscriber's filter picks what to send,
 * and the notification travels in geth's {@code <namespace>_subscription} format.
 */
public final class Topic<E> {
  private static final Logger LOG = LoggerFactory.getLogger(Topic.class);

  private final String namespace;
  private final String name;
  private final int maxParams;
  private final SubscriptionKind<E> kind;
  private final Set<ServerSubscription<E>> subscribers = ConcurrentHashMap.newKeySet();

  public Topic(String namespace, String name, int maxParams, SubscriptionKind<E> kind) {
    this.namespace = Objects.requireNonNull(namespace);
    this.name = Objects.requireNonNull(name);
    this.kind = Objects.requireNonNull(kind);
    if (maxParams < 0) {
      throw new IllegalArgumentException("maxParams < 0");
    }
    this.maxParams = maxParams;
  }

  public String namespace() {
    return namespace;
  }

  public String name() {
    return name;
  }

  /** How many arguments may follow the subscription name. */
  public int maxParams() {
    return maxParams;
  }

  SubscriptionKind<E> kind() {
    return kind;
  }

  public int subscriberCount() {
    return subscribers.size();
  }

  /**
   * Sends {@code event} to every subscriber whose filter wants it. A result object handed to
   * several subscribers (a new head) is serialized once.
   */
  public void publish(E event) {
    if (subscribers.isEmpty()) {
      return;
    }
    Encoder encoder = new Encoder();
    for (ServerSubscription<E> subscriber : subscribers) {
      try {
        subscriber.filter().apply(event, result -> subscriber.deliver(encoder.encode(result)));
      } catch (RuntimeException e) {
        LOG.error("{} subscription filter failed; event skipped for {}", name, subscriber.id(), e);
      }
    }
  }

  void add(ServerSubscription<E> subscription) {
    subscribers.add(subscription);
  }

  void remove(ServerSubscription<?> subscription) {
    subscribers.remove(subscription);
  }

  /** Serializes results, remembering the last one so that shared results are encoded once. */
  private static final class Encoder {
    private Object last;
    private String lastJson;

    String encode(Object result) {
      if (result != last || lastJson == null) {
        try {
          lastJson = RpcJson.mapper().writeValueAsString(result);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
          throw new IllegalStateException("notification result cannot be serialized", e);
        }
        last = result;
      }
      return lastJson;
    }
  }
}
