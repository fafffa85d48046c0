package io.merapi.rpc.subscription;

import io.merapi.rpc.Params;

/**
 * What the application registers for one subscription name ({@code newHeads}, {@code logs}, ...):
 * it checks the arguments that follow the name in {@code eth_subscribe} and returns the filter that
 * turns each published event into this subscriber's notifications.
 */
@FunctionalInterface
public interface SubscriptionKind<E> {
  /**
   * @param params the arguments after the subscription name (index 0 is the first of them)
   * @throws io.merapi.rpc.RpcException with -32602 for bad arguments
   */
  EventFilter<E> open(Params params);
}
