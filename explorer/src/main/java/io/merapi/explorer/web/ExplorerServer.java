package io.merapi.explorer.web;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The explorer's HTTP server (Vert.x core). The event loop only reads requests and writes answers;
 * each page is rendered on a virtual thread, since rendering waits on the chains' RPCs.
 */
public final class ExplorerServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExplorerServer.class);

  /** Pages are data from the chains: never cached, no scripts or resources from elsewhere. */
  private static final String CSP =
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; script-src 'self';"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

  /** How long a rendered page serves everyone who asks for it (see {@link PageCache}). */
  static final Duration PAGE_MAX_AGE = Duration.ofSeconds(1);

  /** The refresh script, read once from the jar. */
  private static final byte[] SCRIPT = resource("explorer.js");

  private final Vertx vertx;
  private final HttpServer server;
  private final ExecutorService renderers = Executors.newVirtualThreadPerTaskExecutor();
  private final Routes routes;
  private final PageCache cache = new PageCache(PAGE_MAX_AGE, System::nanoTime);
  private final URI uri;

  private ExplorerServer(Routes routes, String host, int port) {
    this.routes = routes;
    this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
    this.server =
        vertx.createHttpServer(
            new HttpServerOptions().setHost(host).setPort(port).setIdleTimeout(120));
    server.requestHandler(this::handle);
    try {
      server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      closeQuietly();
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new IllegalStateException(
          "the explorer could not listen on " + host + ":" + port + ": " + cause.getMessage(), e);
    }
    this.uri = URI.create("http://" + hostForUri(host) + ":" + server.actualPort());
  }

  /** Binds {@code host:port} (0: a free port) and serves {@code routes}. */
  public static ExplorerServer start(Routes routes, String host, int port) {
    ExplorerServer server = new ExplorerServer(routes, host, port);
    LOG.info("explorer serving on {}", server.uri);
    return server;
  }

  public URI uri() {
    return uri;
  }

  private void handle(HttpServerRequest request) {
    if (request.method() != HttpMethod.GET && request.method() != HttpMethod.HEAD) {
      request
          .response()
          .setStatusCode(405)
          .putHeader("Allow", "GET, HEAD")
          .end("only GET and HEAD\n");
      return;
    }
    String path = request.path();
    if (path.equals(Layout.SCRIPT)) {
      answerScript(request);
      return;
    }
    boolean fragment = "status".equals(param(request, "fragment"));
    Map<String, String> params = new TreeMap<>(); // sorted: the cache key
    try {
      String q = request.getParam("q");
      if (q != null) {
        params.put("q", q);
      }
    } catch (IllegalArgumentException e) {
      // Bad percent-encoding: search for the raw text, which the search page calls malformed.
      params.put("q", request.query());
    }
    String before = param(request, "before");
    if (before != null) {
      params.put("before", before);
    }
    // The answer is written on the request's own event loop.
    Context context = Vertx.currentContext();
    try {
      renderers.execute(
          () -> {
            Page page;
            try {
              page = cache.get(path + "?" + params, () -> routes.handle(path, params));
            } catch (Throwable e) {
              LOG.error("page {} failed", path, e);
              page = Page.status(500, "<!DOCTYPE html><html><body>This page failed.</body></html>");
            }
            Page done = fragment ? page.live() : page;
            context.runOnContext(v -> answer(request, done));
          });
    } catch (RejectedExecutionException e) {
      request.response().setStatusCode(503).end("the explorer is stopping\n");
    }
  }

  private static void answer(HttpServerRequest request, Page page) {
    var response = request.response();
    if (response.closed()) {
      return;
    }
    response.setStatusCode(page.status()).putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    if (page.location().isPresent()) {
      response.putHeader(HttpHeaders.LOCATION, page.location().get()).end();
      return;
    }
    byte[] body = page.html().getBytes(StandardCharsets.UTF_8);
    response
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8")
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff");
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(body.length)).end();
    } else {
      response.end(io.vertx.core.buffer.Buffer.buffer(body));
    }
  }

  private static String param(HttpServerRequest request, String name) {
    try {
      return request.getParam(name);
    } catch (IllegalArgumentException e) {
      return null; // bad percent-encoding: not a fragment request
    }
  }

  private static void answerScript(HttpServerRequest request) {
    var response =
        request
            .response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/javascript; charset=utf-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, "max-age=300")
            .putHeader("X-Content-Type-Options", "nosniff");
    if (request.method() == HttpMethod.HEAD) {
      response.putHeader(HttpHeaders.CONTENT_LENGTH, Integer.toString(SCRIPT.length)).end();
    } else {
      response.end(io.vertx.core.buffer.Buffer.buffer(SCRIPT));
    }
  }

  private static byte[] resource(String name) {
    try (var in = ExplorerServer.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the jar lacks " + name);
      }
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String hostForUri(String host) {
    if (host.equals("0.0.0.0")) {
      return "127.0.0.1";
    }
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private void closeQuietly() {
    try {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("closing the explorer's HTTP server failed: {}", e.toString());
    }
  }

  @Override
  public void close() {
    try {
      server.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("closing the explorer's HTTP server failed: {}", e.toString());
    }
    renderers.shutdown();
    try {
      renderers.awaitTermination(Duration.ofSeconds(10).toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    closeQuietly();
  }
}
