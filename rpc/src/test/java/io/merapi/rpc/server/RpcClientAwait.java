package io.merapi.rpc.server;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Joins a future, throwing its failure unwrapped (as {@code RpcClient.call} does). */
final class RpcClientAwait {
  private RpcClientAwait() {}

  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw e;
    }
  }
}
