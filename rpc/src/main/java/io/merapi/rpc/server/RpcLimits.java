package io.merapi.rpc.server;

import java.time.Duration;

/**
 * Bounds on what one client can make a server hold or do.
 *
 * @param bodyLimit largest HTTP request body, bytes (geth: 5 MiB)
 * @param batchItemLimit most items in one batch (geth {@code --rpc.batch-request-limit}: 1000)
 * @param batchResponseLimit most response bytes of one batch (geth {@code
 *     --rpc.batch-response-max-size}: 25,000,000); later items get -32003
 * @param webSocketMessageLimit largest WebSocket message read, bytes (geth: 32 MiB)
 * @param webSocketQueueLimit most bytes queued for one WebSocket client before it is dropped
 * @param requestTimeout how long a blocking or asynchronous call may take before the client is
 *     answered -32002 (geth answers before its 30 s HTTP write timeout)
 */
public record RpcLimits(
    int bodyLimit,
    int batchItemLimit,
    long batchResponseLimit,
    int webSocketMessageLimit,
    long webSocketQueueLimit,
    Duration requestTimeout) {

  public RpcLimits {
    if (bodyLimit <= 0 || batchItemLimit <= 0 || batchResponseLimit <= 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
    if (webSocketMessageLimit <= 0 || webSocketQueueLimit <= 0) {
      throw new IllegalArgumentException("WebSocket limits must be positive");
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("request timeout must be positive");
    }
  }

  /** geth's defaults for the public HTTP and WebSocket servers. */
  public static RpcLimits defaults() {
    return new RpcLimits(
        5 * 1024 * 1024,
        1000,
        25_000_000L,
        32 * 1024 * 1024,
        64L * 1024 * 1024,
        Duration.ofSeconds(30));
  }

  /** geth's fixed limits of the authenticated Engine API server (node/defaults.go). */
  public static RpcLimits engineApi() {
    return new RpcLimits(
        128 * 1024 * 1024,
        2000,
        250_000_000L,
        128 * 1024 * 1024,
        256L * 1024 * 1024,
        Duration.ofSeconds(30));
  }

  public RpcLimits withBodyLimit(int bytes) {
    return new RpcLimits(
        bytes,
        batchItemLimit,
        batchResponseLimit,
        webSocketMessageLimit,
        webSocketQueueLimit,
        requestTimeout);
  }

  public RpcLimits withBatchLimits(int items, long responseBytes) {
    return new RpcLimits(
        bodyLimit,
        items,
        responseBytes,
        webSocketMessageLimit,
        webSocketQueueLimit,
        requestTimeout);
  }

  public RpcLimits withWebSocketLimits(int messageBytes, long queueBytes) {
    return new RpcLimits(
        bodyLimit, batchItemLimit, batchResponseLimit, messageBytes, queueBytes, requestTimeout);
  }

  public RpcLimits withRequestTimeout(Duration timeout) {
    return new RpcLimits(
        bodyLimit,
        batchItemLimit,
        batchResponseLimit,
        webSocketMessageLimit,
        webSocketQueueLimit,
        timeout);
  }
}
