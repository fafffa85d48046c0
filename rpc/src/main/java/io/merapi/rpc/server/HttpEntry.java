package io.merapi.rpc.server;

import io.merapi.rpc.jwt.Jwt;
import io.merapi.rpc.metrics.RpcMetrics;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every HTTP request a server receives, in geth's order of checks (node/rpcstack.go, rpc/http.go):
 * JWT first when configured; WebSocket upgrades then check their Origin; other requests check the
 * Host header, CORS, extra routes, then the JSON-RPC rules: {@code GET} without a body is a health
 * probe answered 200, PUT and DELETE are refused, the body must be JSON and within the size limit.
 */
final class HttpEntry implements Handler<HttpServerRequest> {
  private static final Logger LOG = LoggerFactory.getLogger(HttpEntry.class);
  static final String JSON = "application/json";
  private static final CharSequence JSON_HEADER = HttpHeaders.createOptimized(JSON);
  private static final Set<String> ACCEPTED_TYPES =
      Set.of(JSON, "application/json-rpc", "application/jsonrequest");

  /** Bodies larger than this are parsed on a worker, not on the event loop. */
  static final int INLINE_PARSE_LIMIT = 128 * 1024;

  private final RpcServerConfig config;
  private final RpcProcessor processor;
  private final Executor worker;
  private final RpcMetrics metrics;
  private final Optional<Jwt> jwt;
  private final VirtualHosts virtualHosts;
  private final CorsPolicy cors;
  private final OriginPolicy origins;
  private final Map<String, Handler<HttpServerRequest>> routes;

  HttpEntry(
      RpcServerConfig config,
      RpcProcessor processor,
      Executor worker,
      RpcMetrics metrics,
      Optional<Jwt> jwt,
      OriginPolicy origins,
      Map<String, Handler<HttpServerRequest>> routes) {
    this.config = config;
    this.processor = processor;
    this.worker = worker;
    this.metrics = metrics;
    this.jwt = jwt;
    this.virtualHosts = new VirtualHosts(config.virtualHosts());
    this.cors = new CorsPolicy(config.corsDomains());
    this.origins = origins;
    this.routes = Map.copyOf(routes);
  }

  @Override
  public void handle(HttpServerRequest request) {
    if (jwt.isPresent()) {
      Optional<String> refusal =
          jwt.get().check(Optional.ofNullable(request.getHeader(HttpHeaders.AUTHORIZATION)));
      if (refusal.isPresent()) {
        refuse(request, 401, refusal.get(), "jwt");
        return;
      }
    }
    if (config.webSocket() && isUpgrade(request)) {
      upgrade(request);
      return;
    }
    if (!virtualHosts.allows(request.getHeader(HttpHeaders.HOST))) {
      refuse(request, 403, "invalid host specified", "vhost");
      return;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (cors.enabled()) {
      if (request.method() == HttpMethod.OPTIONS
          && request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null) {
        preflight(request, origin);
        return;
      }
      request.response().putHeader(HttpHeaders.VARY, "Origin");
      if (cors.allowsOrigin(origin) && CorsPolicy.allowsMethod(request.method().name())) {
        request
            .response()
            .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, cors.allowOriginValue(origin));
      }
    }
    Handler<HttpServerRequest> route = routes.get(request.path());
    if (route != null) {
      route.handle(request);
      return;
    }
    if (!config.http() || !"/".equals(request.path())) {
      refuse(request, 404, "not found", "path");
      return;
    }
    serveJsonRpc(request);
  }

  private void serveJsonRpc(HttpServerRequest request) {
    HttpMethod method = request.method();
    String declared = request.getHeader(HttpHeaders.CONTENT_LENGTH);
    long contentLength = parseLength(declared);
    if (method == HttpMethod.GET && contentLength <= 0 && request.query() == null) {
      // Load balancers probe with an empty GET; geth answers 200.
      request.response().end();
      return;
    }
    if (method == HttpMethod.PUT || method == HttpMethod.DELETE) {
      refuse(request, 405, "method not allowed", "method");
      return;
    }
    int limit = config.limits().bodyLimit();
    if (contentLength > limit) {
      refuse(
          request, 413, "content length too large (" + contentLength + ">" + limit + ")", "size");
      return;
    }
    if (method == HttpMethod.OPTIONS) {
      request.response().end();
      return;
    }
    if (!acceptedContentType(request.getHeader(HttpHeaders.CONTENT_TYPE))) {
      refuse(request, 415, "invalid content type, only " + JSON + " is supported", "content-type");
      return;
    }
    Context context = Vertx.currentContext();
    BodyReader body = new BodyReader(request, limit);
    request.handler(body);
    request.endHandler(v -> body.finished().ifPresent(bytes -> process(request, context, bytes)));
  }

  private void process(HttpServerRequest request, Context context, byte[] body) {
    if (body.length <= INLINE_PARSE_LIMIT) {
      processor
          .handle(body, Transport.HTTP)
          .thenAccept(reply -> onContext(context, () -> respond(request, reply)));
    } else {
      worker.execute(
          () ->
              processor
                  .handle(body, Transport.HTTP)
                  .thenAccept(reply -> onContext(context, () -> respond(request, reply))));
    }
  }

  private static void onContext(Context context, Runnable task) {
    if (Vertx.currentContext() == context && Context.isOnEventLoopThread()) {
      task.run();
    } else {
      context.runOnContext(v -> task.run());
    }
  }

  private static void respond(HttpServerRequest request, Reply reply) {
    HttpServerResponse response = request.response();
    if (response.closed()) {
      return;
    }
    response.putHeader(HttpHeaders.CONTENT_TYPE, JSON_HEADER);
    if (reply.body().isPresent()) {
      response.end(Buffer.buffer(reply.body().get()));
    } else {
      response.end();
    }
  }

  private void preflight(HttpServerRequest request, String origin) {
    HttpServerResponse response = request.response();
    response.putHeader(
        HttpHeaders.VARY, "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
    String requested = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD);
    if (cors.allowsOrigin(origin) && CorsPolicy.allowsMethod(requested)) {
      response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, cors.allowOriginValue(origin));
      response.putHeader(
          HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, requested.toUpperCase(Locale.ROOT));
      String headers = request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS);
      if (headers != null && !headers.isBlank()) {
        response.putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, headers);
      }
      response.putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, CorsPolicy.MAX_AGE);
    }
    response.setStatusCode(204).end();
  }

  private void upgrade(HttpServerRequest request) {
    if (!"/".equals(request.path())) {
      refuse(request, 404, "not found", "path");
      return;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    if (!origins.allows(origin)) {
      LOG.warn("Rejected WebSocket connection from origin {}", origin);
      refuse(request, 403, "websocket: request origin not allowed", "origin");
      return;
    }
    Context context = Vertx.currentContext();
    request
        .toWebSocket()
        .onSuccess(
            socket ->
                new WsConnection(
                        socket, context, processor, metrics, config.limits().webSocketQueueLimit())
                    .start())
        .onFailure(e -> LOG.debug("WebSocket upgrade failed: {}", e.toString()));
  }

  private void refuse(HttpServerRequest request, int status, String message, String reason) {
    metrics.refused(reason);
    request
        .response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
        .end(message + "\n");
  }

  static boolean isUpgrade(HttpServerRequest request) {
    String upgrade = request.getHeader(HttpHeaders.UPGRADE);
    String connection = request.getHeader(HttpHeaders.CONNECTION);
    return upgrade != null
        && upgrade.equalsIgnoreCase("websocket")
        && connection != null
        && connection.toLowerCase(Locale.ROOT).contains("upgrade");
  }

  static boolean acceptedContentType(String header) {
    if (header == null) {
      return false;
    }
    int semicolon = header.indexOf(';');
    String type = (semicolon < 0 ? header : header.substring(0, semicolon)).strip();
    return ACCEPTED_TYPES.contains(type.toLowerCase(Locale.ROOT));
  }

  private static long parseLength(String header) {
    if (header == null) {
      return -1;
    }
    try {
      return Long.parseLong(header.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Collects a request body up to the limit. A body that turns out larger (chunked, or a lying
   * Content-Length) is refused with 413 and the connection closed, since the rest of it would
   * otherwise have to be read.
   */
  private final class BodyReader implements Handler<Buffer> {
    private final HttpServerRequest request;
    private final int limit;
    // Most bodies come in one chunk: keep it as it is, and copy only once at the end.
    private Buffer first;
    private Buffer collected;
    private long length;
    private boolean refused;

    BodyReader(HttpServerRequest request, int limit) {
      this.request = request;
      this.limit = limit;
    }

    @Override
    public void handle(Buffer chunk) {
      if (refused) {
        return;
      }
      length += chunk.length();
      if (length > limit) {
        refused = true;
        first = null;
        collected = null;
        refuse(request, 413, "request body too large (limit " + limit + ")", "size");
        request.connection().close();
        return;
      }
      if (first == null && collected == null) {
        first = chunk;
      } else {
        if (collected == null) {
          collected = Buffer.buffer((int) Math.min(limit, 2 * length)).appendBuffer(first);
          first = null;
        }
        collected.appendBuffer(chunk);
      }
    }

    Optional<byte[]> finished() {
      if (refused) {
        return Optional.empty();
      }
      Buffer body = collected != null ? collected : first;
      return Optional.of(body == null ? new byte[0] : body.getBytes());
    }
  }
}
