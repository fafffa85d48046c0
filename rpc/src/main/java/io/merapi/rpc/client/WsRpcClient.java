package io.merapi.rpc.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.json.RequestEncoder;
import io.merapi.rpc.jwt.Jwt;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JSON-RPC over one WebSocket connection, with subscriptions. Answers are matched to calls by id;
 * notifications go to the subscription's consumer on the connection's I/O thread, in the order the
 * server sent them, never before the subscribe call has completed.
 */
public final class WsRpcClient implements RpcClient {
  private static final Logger LOG = LoggerFactory.getLogger(WsRpcClient.class);

  /** Engine API payloads can be large: accept messages as large as the Engine API server does. */
  static final int MAX_MESSAGE = 128 * 1024 * 1024;

  private final Vertx vertx;
  private final boolean ownsVertx;
  private final WebSocketClient client;
  private final WebSocket socket;
  private final RpcClientOptions options;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
  private final Map<String, Active> subscriptions = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** A call waiting for its answer; {@code batch} holds the ids of all calls sent with it. */
  private record Pending(
      CompletableFuture<JsonNode> future, Consumer<JsonNode> beforeComplete, List<Long> batch) {}

  private record Active(ClientSubscription subscription, Consumer<JsonNode> consumer) {}

  private WsRpcClient(
      Vertx vertx,
      boolean ownsVertx,
      WebSocketClient client,
      WebSocket socket,
      RpcClientOptions options) {
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.client = client;
    this.socket = socket;
    this.options = options;
    socket.textMessageHandler(this::onMessage);
    socket.binaryMessageHandler(b -> onMessage(b.toString(StandardCharsets.UTF_8)));
    socket.closeHandler(v -> onClose());
    socket.exceptionHandler(e -> LOG.debug("WebSocket client error: {}", e.toString()));
  }

  /** Connects with its own single I/O thread, stopped by {@link #close}. */
  public static CompletableFuture<WsRpcClient> connect(URI uri, RpcClientOptions options) {
    return connect(Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)), true, uri, options);
  }

  public static CompletableFuture<WsRpcClient> connect(
      Vertx vertx, URI uri, RpcClientOptions options) {
    return connect(vertx, false, uri, options);
  }

  private static CompletableFuture<WsRpcClient> connect(
      Vertx vertx, boolean ownsVertx, URI uri, RpcClientOptions options) {
    WebSocketClient client =
        vertx.createWebSocketClient(
            new WebSocketClientOptions()
                .setMaxMessageSize(MAX_MESSAGE)
                .setMaxFrameSize(MAX_MESSAGE)
                .setConnectTimeout(
                    (int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis())));
    WebSocketConnectOptions connect =
        new WebSocketConnectOptions()
            .setAbsoluteURI(uri.toString())
            .setTimeout(options.timeout().toMillis())
            // Like geth's client, send an Origin only when the caller gives one (servers check it).
            .setAllowOriginHeader(
                options.headers().keySet().stream().anyMatch(h -> h.equalsIgnoreCase("origin")));
    options.headers().forEach(connect::putHeader);
    options
        .jwtSecret()
        .ifPresent(
            s -> connect.putHeader(HttpHeaders.AUTHORIZATION, new Jwt(s).authorizationHeader()));
    // Connect on an event loop of this Vert.x: see HttpRpcClient on requests started elsewhere.
    CompletableFuture<WsRpcClient> connected = new CompletableFuture<>();
    vertx
        .getOrCreateContext()
        .runOnContext(
            v ->
                client
                    .connect(connect)
                    .map(socket -> new WsRpcClient(vertx, ownsVertx, client, socket, options))
                    .onComplete(
                        result -> {
                          if (result.succeeded()) {
                            connected.complete(result.result());
                          } else {
                            connected.completeExceptionally(result.cause());
                          }
                        }));
    return connected.exceptionallyCompose(
        failure -> {
          client.close();
          if (ownsVertx) {
            vertx.close();
          }
          return CompletableFuture.failedFuture(
              new RpcTransportException(
                  RpcTransportException.Kind.CONNECTION,
                  "WebSocket connection to " + uri + " failed: " + failure.getMessage(),
                  failure));
        });
  }

  @Override
  public CompletableFuture<JsonNode> requestList(String method, List<?> params) {
    long id = ids.incrementAndGet();
    byte[] body;
    try {
      body = RequestEncoder.call(id, method, params);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return send(body, List.of(id), List.of(json -> {})).get(0);
  }

  @Override
  public CompletableFuture<List<BatchResult>> batch(List<BatchCall> calls) {
    if (calls.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<RequestEncoder.Call> encoded = new ArrayList<>(calls.size());
    List<Long> callIds = new ArrayList<>(calls.size());
    List<Consumer<JsonNode>> hooks = new ArrayList<>(calls.size());
    for (BatchCall call : calls) {
      long id = ids.incrementAndGet();
      callIds.add(id);
      hooks.add(json -> {});
      encoded.add(new RequestEncoder.Call(id, call.method(), call.params()));
    }
    byte[] body;
    try {
      body = RequestEncoder.batch(encoded);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    List<CompletableFuture<JsonNode>> answers = send(body, callIds, hooks);
    List<CompletableFuture<BatchResult>> results =
        answers.stream()
            .map(
                answer ->
                    answer.handle(
                        (result, failure) -> {
                          if (failure == null) {
                            return (BatchResult) new BatchResult.Success(result);
                          }
                          Throwable cause =
                              failure instanceof java.util.concurrent.CompletionException
                                  ? failure.getCause()
                                  : failure;
                          if (cause instanceof io.merapi.rpc.RpcException rpc) {
                            return new BatchResult.Failure(rpc.error());
                          }
                          throw new java.util.concurrent.CompletionException(cause);
                        }))
            .toList();
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(v -> results.stream().map(CompletableFuture::join).toList());
  }

  /**
   * Opens subscription {@code kind} with {@code <namespace>_subscribe}; {@code onNotification}
   * receives each notification's result on the I/O thread.
   */
  public CompletableFuture<ClientSubscription> subscribe(
      String namespace, String kind, Consumer<JsonNode> onNotification, Object... params) {
    List<Object> args = new ArrayList<>(params.length + 1);
    args.add(kind);
    args.addAll(Arrays.asList(params));
    long id = ids.incrementAndGet();
    byte[] body;
    try {
      body = RequestEncoder.call(id, namespace + "_subscribe", args);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    ClientSubscription[] opened = new ClientSubscription[1];
    // Registered on the I/O thread as the answer is read, before any later message is handled.
    Consumer<JsonNode> register =
        result -> {
          if (result.isTextual()) {
            ClientSubscription subscription =
                new ClientSubscription(result.textValue(), s -> unsubscribe(namespace, s));
            subscriptions.put(subscription.id(), new Active(subscription, onNotification));
            opened[0] = subscription;
          }
        };
    return send(body, List.of(id), List.of(register))
        .get(0)
        .thenApply(
            result -> {
              if (opened[0] == null) {
                throw Responses.badResponse("subscription id is not a string: " + result);
              }
              return opened[0];
            });
  }

  private CompletableFuture<Boolean> unsubscribe(
      String namespace, ClientSubscription subscription) {
    return request(namespace + "_unsubscribe", subscription.id())
        .thenApply(
            result -> {
              Active active = subscriptions.remove(subscription.id());
              if (active != null) {
                active.subscription().end(null);
              }
              return result.asBoolean();
            });
  }

  private List<CompletableFuture<JsonNode>> send(
      byte[] body, List<Long> callIds, List<Consumer<JsonNode>> hooks) {
    List<CompletableFuture<JsonNode>> futures = new ArrayList<>(callIds.size());
    for (int i = 0; i < callIds.size(); i++) {
      long id = callIds.get(i);
      CompletableFuture<JsonNode> future = new CompletableFuture<>();
      pending.put(id, new Pending(future, hooks.get(i), callIds));
      future
          .orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((r, e) -> pending.remove(id));
      futures.add(
          future.exceptionallyCompose(
              failure ->
                  failure instanceof java.util.concurrent.TimeoutException
                      ? CompletableFuture.failedFuture(
                          new RpcTransportException(
                              RpcTransportException.Kind.TIMEOUT,
                              "no answer within " + options.timeout(),
                              failure))
                      : CompletableFuture.failedFuture(failure)));
    }
    if (closed) {
      failAll(callIds, closedException());
      return futures;
    }
    socket
        .writeTextMessage(new String(body, StandardCharsets.UTF_8))
        .onFailure(
            e ->
                failAll(
                    callIds,
                    new RpcTransportException(
                        RpcTransportException.Kind.CONNECTION, "send failed: " + e, e)));
    return futures;
  }

  private void failAll(List<Long> callIds, RuntimeException failure) {
    for (long id : callIds) {
      Pending waiting = pending.remove(id);
      if (waiting != null) {
        waiting.future().completeExceptionally(failure);
      }
    }
  }

  private void onMessage(String text) {
    JsonNode message;
    try {
      message = RpcJson.mapper().readTree(text);
    } catch (IOException e) {
      LOG.warn("Ignoring a WebSocket message that is not JSON: {}", e.getMessage());
      return;
    }
    if (message == null) {
      return;
    }
    if (message.isArray()) {
      onBatchAnswer(message);
    } else if (message.isObject()) {
      JsonNode method = message.get("method");
      if (method != null && method.isTextual() && method.textValue().endsWith("_subscription")) {
        onNotification(message.path("params"));
      } else {
        onAnswer(message);
      }
    }
  }

  private void onAnswer(JsonNode answer) {
    OptionalLong id = Responses.id(answer);
    if (id.isEmpty()) {
      LOG.warn("Ignoring an answer without a usable id: {}", answer);
      return;
    }
    Pending waiting = pending.remove(id.getAsLong());
    if (waiting == null) {
      LOG.debug("Ignoring an answer to no pending call: id {}", id.getAsLong());
      return;
    }
    try {
      JsonNode result = Responses.result(answer);
      waiting.beforeComplete().accept(result);
      waiting.future().complete(result);
    } catch (RuntimeException e) {
      waiting.future().completeExceptionally(e);
    }
  }

  /** A batch answer; a batch refused as a whole (too many items) fails all of its calls. */
  private void onBatchAnswer(JsonNode answers) {
    if (answers.size() == 1 && answers.get(0).has("error")) {
      OptionalLong id = Responses.id(answers.get(0));
      Pending first = id.isPresent() ? pending.get(id.getAsLong()) : null;
      if (first != null && first.batch().size() > 1) {
        RpcError error;
        try {
          error = Responses.error(answers.get(0).get("error"));
        } catch (RuntimeException e) {
          error = RpcError.internal("malformed batch error");
        }
        for (long call : first.batch()) {
          Pending waiting = pending.remove(call);
          if (waiting != null) {
            waiting.future().completeExceptionally(error.exception());
          }
        }
        return;
      }
    }
    for (JsonNode answer : answers) {
      onAnswer(answer);
    }
  }

  private void onNotification(JsonNode params) {
    JsonNode id = params.get("subscription");
    if (id == null || !id.isTextual()) {
      return;
    }
    Active active = subscriptions.get(id.textValue());
    if (active == null) {
      LOG.debug("Notification for unknown subscription {}", id.textValue());
      return;
    }
    try {
      active.consumer().accept(params.path("result"));
    } catch (RuntimeException e) {
      LOG.error("Subscription consumer failed for {}", id.textValue(), e);
    }
  }

  private void onClose() {
    closed = true;
    RpcTransportException failure = closedException();
    for (Long id : List.copyOf(pending.keySet())) {
      Pending waiting = pending.remove(id);
      if (waiting != null) {
        waiting.future().completeExceptionally(failure);
      }
    }
    for (String id : List.copyOf(subscriptions.keySet())) {
      Active active = subscriptions.remove(id);
      if (active != null) {
        active.subscription().end(failure);
      }
    }
  }

  private static RpcTransportException closedException() {
    return new RpcTransportException(
        RpcTransportException.Kind.CLOSED, "WebSocket connection closed", null);
  }

  public boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    if (!closed) {
      try {
        socket.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.debug("WebSocket close: {}", e.toString());
      }
    }
    onClose();
    client.close();
    if (ownsVertx) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
