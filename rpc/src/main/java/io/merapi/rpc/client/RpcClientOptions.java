package io.merapi.rpc.client;

import io.merapi.rpc.jwt.JwtSecret;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a client calls a server.
 *
 * @param timeout how long one call (or batch) may take before it fails with {@link
 *     RpcTransportException.Kind#TIMEOUT}
 * @param jwtSecret when present, each HTTP request and each WebSocket handshake carries a fresh
 *     Engine API token signed with it
 * @param headers extra HTTP headers (an {@code Origin} for WebSocket servers that check it, ...)
 */
public record RpcClientOptions(
    Duration timeout, Optional<JwtSecret> jwtSecret, Map<String, String> headers) {
  public RpcClientOptions {
    Objects.requireNonNull(jwtSecret);
    headers = Map.copyOf(headers);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  public static RpcClientOptions defaults() {
    return new RpcClientOptions(Duration.ofSeconds(30), Optional.empty(), Map.of());
  }

  public RpcClientOptions withTimeout(Duration timeout) {
    return new RpcClientOptions(timeout, jwtSecret, headers);
  }

  public RpcClientOptions withJwtSecret(JwtSecret secret) {
    return new RpcClientOptions(timeout, Optional.of(secret), headers);
  }

  public RpcClientOptions withHeaders(Map<String, String> headers) {
    return new RpcClientOptions(timeout, jwtSecret, headers);
  }
}
