package io.merapi.rpc.client;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.RpcJson;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * A JSON-RPC client. Calls return futures completed on the client's I/O thread: do not block in
 * their continuations, and do not use the blocking {@code call} methods on a Vert.x event loop.
 * Failures are {@link io.merapi.rpc.RpcException} (the server answered an error) or {@link
 * RpcTransportException} (no answer).
 */
public sealed interface RpcClient extends AutoCloseable permits HttpRpcClient, WsRpcClient {
  /** Calls {@code method} with the positional {@code params}. */
  CompletableFuture<JsonNode> requestList(String method, List<?> params);

  /** Sends the calls as one batch; results come back in the order of {@code calls}. */
  CompletableFuture<List<BatchResult>> batch(List<BatchCall> calls);

  @Override
  void close();

  default CompletableFuture<JsonNode> request(String method, Object... params) {
    return requestList(method, java.util.Arrays.asList(params));
  }

  default <T> CompletableFuture<T> request(Class<T> type, String method, Object... params) {
    return request(method, params).thenApply(node -> convert(node, type));
  }

  default <T> CompletableFuture<T> request(TypeReference<T> type, String method, Object... params) {
    return request(method, params).thenApply(node -> RpcJson.mapper().convertValue(node, type));
  }

  /** Blocks for the result of {@code method}. */
  default JsonNode call(String method, Object... params) {
    return await(request(method, params));
  }

  default <T> T call(Class<T> type, String method, Object... params) {
    return await(request(type, method, params));
  }

  private static <T> T convert(JsonNode node, Class<T> type) {
    try {
      return RpcJson.mapper().treeToValue(node, type);
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw Responses.badResponse(
          "result is not a " + type.getSimpleName() + ": " + e.getMessage());
    }
  }

  /** Waits for {@code future}, rethrowing its RPC or transport failure as it is. */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RpcTransportException(RpcTransportException.Kind.CLOSED, "interrupted", e);
    } catch (ExecutionException e) {
      throw rethrowable(e.getCause());
    }
  }

  private static RuntimeException rethrowable(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime) {
      return runtime;
    }
    return new RpcTransportException(
        RpcTransportException.Kind.CONNECTION, String.valueOf(cause.getMessage()), cause);
  }
}
