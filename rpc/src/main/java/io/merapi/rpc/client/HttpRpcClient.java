package io.merapi.rpc.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.json.RequestEncoder;
import io.merapi.rpc.jwt.Jwt;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/** JSON-RPC over HTTP POST, on a pool of keep-alive connections. */
public final class HttpRpcClient implements RpcClient {
  private final URI uri;
  private final RpcClientOptions options;
  private final Vertx vertx;
  private final boolean ownsVertx;
  private final HttpClient http;
  private final Optional<Jwt> jwt;
  private final AtomicLong ids = new AtomicLong();
  private final Context context;

  private HttpRpcClient(Vertx vertx, boolean ownsVertx, URI uri, RpcClientOptions options) {
    this.uri = uri;
    this.options = options;
    this.vertx = vertx;
    this.ownsVertx = ownsVertx;
    this.jwt = options.jwtSecret().map(Jwt::new);
    this.context = vertx.getOrCreateContext();
    this.http =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setKeepAlive(true)
                .setConnectTimeout((int) Math.min(Integer.MAX_VALUE, options.timeout().toMillis())),
            new PoolOptions().setHttp1MaxSize(32));
  }

  /** A client with its own single I/O thread, stopped by {@link #close}. */
  public static HttpRpcClient create(URI uri, RpcClientOptions options) {
    return new HttpRpcClient(
        Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1)), true, uri, options);
  }

  /** A client on a shared Vert.x instance. */
  public static HttpRpcClient create(Vertx vertx, URI uri, RpcClientOptions options) {
    return new HttpRpcClient(vertx, false, uri, options);
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
    return post(body).thenApply(Responses::result);
  }

  @Override
  public CompletableFuture<List<BatchResult>> batch(List<BatchCall> calls) {
    if (calls.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    List<RequestEncoder.Call> encoded = new ArrayList<>(calls.size());
    for (BatchCall call : calls) {
      encoded.add(new RequestEncoder.Call(ids.incrementAndGet(), call.method(), call.params()));
    }
    byte[] body;
    try {
      body = RequestEncoder.batch(encoded);
    } catch (IllegalArgumentException e) {
      return CompletableFuture.failedFuture(e);
    }
    return post(body).thenApply(response -> matchBatch(encoded, response));
  }

  /**
   * Pairs batch answers with calls by id. A server that refuses the whole batch answers with a
   * single error (too many items): every call then carries that error.
   */
  static List<BatchResult> matchBatch(List<RequestEncoder.Call> calls, JsonNode response) {
    if (response.isObject()) {
      BatchResult whole = Responses.batchResult(response);
      return calls.stream().map(c -> whole).toList();
    }
    if (!response.isArray()) {
      throw Responses.badResponse("batch answer is not an array");
    }
    Map<Long, JsonNode> byId = new HashMap<>();
    List<JsonNode> unmatched = new ArrayList<>();
    for (JsonNode element : response) {
      OptionalLong id = Responses.id(element);
      if (id.isPresent()) {
        byId.put(id.getAsLong(), element);
      } else {
        unmatched.add(element);
      }
    }
    if (byId.size() == 1 && calls.size() > 1 && unmatched.isEmpty()) {
      JsonNode only = byId.values().iterator().next();
      if (only.has("error") && !only.has("result")) {
        BatchResult whole = Responses.batchResult(only);
        return calls.stream().map(c -> whole).toList();
      }
    }
    List<BatchResult> results = new ArrayList<>(calls.size());
    for (RequestEncoder.Call call : calls) {
      JsonNode element = byId.get(call.id());
      results.add(
          element == null
              ? new BatchResult.Failure(
                  RpcError.internal("the batch answer has no response to this call"))
              : Responses.batchResult(element));
    }
    return results;
  }

  private CompletableFuture<JsonNode> post(byte[] body) {
    RequestOptions request =
        new RequestOptions()
            .setMethod(HttpMethod.POST)
            .setAbsoluteURI(uri.toString())
            .setIdleTimeout(options.timeout().toMillis())
            .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .putHeader(HttpHeaders.ACCEPT, "application/json");
    options.headers().forEach(request::putHeader);
    jwt.ifPresent(j -> request.putHeader(HttpHeaders.AUTHORIZATION, j.authorizationHeader()));
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    // Requests start on the client's event loop: started from other threads, Vert.x 4.5's client
    // now and then loses a response that arrives before it has attached the body handler.
    onContext(
        () ->
            http.request(request)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(
                    response ->
                        response
                            .body()
                            .map(
                                bytes -> {
                                  if (response.statusCode() / 100 != 2) {
                                    throw RpcTransportException.httpStatus(
                                        response.statusCode(),
                                        response.statusMessage(),
                                        bytes.toString());
                                  }
                                  return parse(bytes);
                                }))
                .onComplete(
                    result -> {
                      if (result.succeeded()) {
                        answer.complete(result.result());
                      } else {
                        answer.completeExceptionally(result.cause());
                      }
                    }));
    return answer
        .orTimeout(options.timeout().toMillis(), TimeUnit.MILLISECONDS)
        .exceptionallyCompose(HttpRpcClient::classify);
  }

  private void onContext(Runnable task) {
    if (Vertx.currentContext() == context) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  private static JsonNode parse(Buffer bytes) {
    try {
      return RpcJson.mapper().readTree(bytes.getBytes());
    } catch (IOException e) {
      throw Responses.badResponse("answer is not JSON: " + e.getMessage());
    }
  }

  static <T> CompletableFuture<T> classify(Throwable failure) {
    Throwable cause = failure;
    while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
      cause = cause.getCause();
    }
    if (cause instanceof RuntimeException runtime
        && (runtime instanceof RpcTransportException
            || runtime instanceof io.merapi.rpc.RpcException)) {
      return CompletableFuture.failedFuture(runtime);
    }
    if (cause instanceof TimeoutException) {
      return CompletableFuture.failedFuture(
          new RpcTransportException(
              RpcTransportException.Kind.TIMEOUT, "no answer in time: " + cause, cause));
    }
    return CompletableFuture.failedFuture(
        new RpcTransportException(
            RpcTransportException.Kind.CONNECTION, "call failed: " + cause, cause));
  }

  @Override
  public void close() {
    http.close().toCompletionStage().toCompletableFuture().join();
    if (ownsVertx) {
      vertx.close().toCompletionStage().toCompletableFuture().join();
    }
  }
}
