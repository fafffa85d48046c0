package io.merapi.rpc.server;

import io.merapi.rpc.subscription.ServerSubscription;
import java.util.List;
import java.util.Optional;

/**
 * The answer to one request body: the response bytes (none when the body held only notifications),
 * and the subscriptions it opened, to activate once the bytes are on their way.
 */
public record Reply(Optional<byte[]> body, List<ServerSubscription<?>> opened) {
  static Reply of(byte[] body) {
    return new Reply(Optional.of(body), List.of());
  }
}
