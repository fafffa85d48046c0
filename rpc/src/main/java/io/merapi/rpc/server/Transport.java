package io.merapi.rpc.server;

import io.merapi.rpc.subscription.ConnectionSubscriptions;

/** Where a request came from: subscriptions need a connection that can carry notifications. */
public sealed interface Transport {
  Http HTTP = new Http();

  record Http() implements Transport {}

  record WebSocket(ConnectionSubscriptions subscriptions) implements Transport {}
}
