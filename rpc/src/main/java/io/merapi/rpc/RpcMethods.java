package io.merapi.rpc;

import io.merapi.rpc.subscription.SubscriptionKind;
import io.merapi.rpc.subscription.Topic;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods and subscription kinds an application offers. One registry may be served by several
 * servers (HTTP, WebSocket, the authenticated Engine API port), each exposing the namespaces its
 * configuration names; subscribers on all of them receive what a topic publishes.
 */
public final class RpcMethods {
  private final Map<String, RpcMethod> methods = new ConcurrentHashMap<>();
  private final Map<String, Topic<?>> topics = new ConcurrentHashMap<>();

  public RpcMethods add(RpcMethod method) {
    if (methods.putIfAbsent(method.name(), method) != null) {
      throw new IllegalArgumentException("method registered twice: " + method.name());
    }
    return this;
  }

  public RpcMethods inline(String name, int minParams, int maxParams, RpcMethod.Handler handler) {
    return add(RpcMethod.inline(name, minParams, maxParams, handler));
  }

  public RpcMethods blocking(String name, int minParams, int maxParams, RpcMethod.Handler handler) {
    return add(RpcMethod.blocking(name, minParams, maxParams, handler));
  }

  public RpcMethods async(
      String name, int minParams, int maxParams, RpcMethod.AsyncHandler handler) {
    return add(RpcMethod.async(name, minParams, maxParams, handler));
  }

  /**
   * Registers subscription {@code name} in {@code namespace} ({@code eth}, {@code newHeads}): a
   * client opens it with {@code <namespace>_subscribe} over WebSocket, giving at most {@code
   * maxParams} arguments after the name. Publish events to the returned topic.
   */
  public <E> Topic<E> subscription(
      String namespace, String name, int maxParams, SubscriptionKind<E> kind) {
    Topic<E> topic = new Topic<>(namespace, name, maxParams, kind);
    if (topics.putIfAbsent(topicKey(namespace, name), topic) != null) {
      throw new IllegalArgumentException(
          "subscription registered twice: " + namespace + "/" + name);
    }
    return topic;
  }

  public Optional<RpcMethod> method(String name) {
    return Optional.ofNullable(methods.get(name));
  }

  public Optional<Topic<?>> topic(String namespace, String name) {
    return Optional.ofNullable(topics.get(topicKey(namespace, name)));
  }

  /** Every namespace that has a method or a subscription kind, sorted. */
  public Set<String> namespaces() {
    Set<String> namespaces = new TreeSet<>();
    methods.values().forEach(m -> namespaces.add(m.namespace()));
    topics.values().forEach(t -> namespaces.add(t.namespace()));
    return namespaces;
  }

  private static String topicKey(String namespace, String name) {
    return namespace + '\u0000' + name;
  }
}
