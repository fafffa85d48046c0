package io.merapi.rpc.client;

import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** A subscription opened with {@link WsRpcClient#subscribe}. */
public final class ClientSubscription {
  private final String id;
  private final Function<ClientSubscription, CompletableFuture<Boolean>> unsubscribe;
  private final CompletableFuture<Void> ended = new CompletableFuture<>();

  ClientSubscription(
      String id, Function<ClientSubscription, CompletableFuture<Boolean>> unsubscribe) {
    this.id = id;
    this.unsubscribe = unsubscribe;
  }

  /** The id the server gave ({@code 0x...}). */
  public String id() {
    return id;
  }

  /** Asks the server to stop; the future holds its answer ({@code true} if it knew the id). */
  public CompletableFuture<Boolean> unsubscribe() {
    return unsubscribe.apply(this);
  }

  /**
   * Completes normally after {@link #unsubscribe}, exceptionally with {@link RpcTransportException}
   * when the connection closes first.
   */
  public CompletableFuture<Void> ended() {
    return ended;
  }

  void end(Throwable failure) {
    if (failure == null) {
      ended.complete(null);
    } else {
      ended.completeExceptionally(failure);
    }
  }
}
