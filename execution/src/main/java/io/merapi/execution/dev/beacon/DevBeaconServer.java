package io.merapi.execution.dev.beacon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@link DevBeaconApi} over HTTP ({@code --dev.beacon.port}, 5052 as beacon nodes): the five
 * GET routes a rollup node uses. Requests read the chain store and encode blobs of 128 KiB, so they
 * run on a small pool of blocking threads; the JDK's HTTP server is all this needs.
 */
public final class DevBeaconServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DevBeaconServer.class);
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String SIDECARS = "/eth/v1/beacon/blob_sidecars/";
  private static final String BLOBS = "/eth/v1/beacon/blobs/";

  private final DevBeaconApi api;
  private final HttpServer server;
  private final ExecutorService workers;

  private DevBeaconServer(DevBeaconApi api, HttpServer server, ExecutorService workers) {
    this.api = api;
    this.server = server;
    this.workers = workers;
  }

  /**
   * Binds {@code host:port} (port 0: a free one) and starts serving.
   *
   * @throws IllegalStateException if the port cannot be bound
   */
  public static DevBeaconServer start(DevBeaconApi api, String host, int port) {
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 64);
    } catch (IOException e) {
      throw new IllegalStateException(
          "beacon API server could not listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    AtomicInteger count = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            4,
            task -> {
              Thread thread = new Thread(task, "dev-beacon-" + count.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    DevBeaconServer started = new DevBeaconServer(api, server, workers);
    server.createContext("/", started::handle);
    server.setExecutor(workers);
    server.start();
    LOG.info("dev beacon API started: {}", started.uri());
    return started;
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI uri() {
    String host = server.getAddress().getHostString();
    return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port());
  }

  private void handle(HttpExchange exchange) {
    try (exchange) {
      int status = 200;
      JsonNode body;
      try {
        body = route(exchange);
      } catch (BeaconApiException e) {
        status = e.status();
        body = BeaconJson.error(status, e.getMessage());
      } catch (RuntimeException e) {
        LOG.warn("dev beacon API: {} failed: {}", exchange.getRequestURI(), e.toString());
        status = 500;
        body = BeaconJson.error(status, "INTERNAL_SERVER_ERROR: " + e.getMessage());
      }
      byte[] bytes = MAPPER.writeValueAsBytes(body);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      if (status == 200 && exchange.getRequestURI().getPath().startsWith("/eth/v1/beacon/b")) {
        exchange.getResponseHeaders().set("Eth-Consensus-Version", "deneb");
      }
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (IOException e) {
      // The client went away; nothing to answer.
      LOG.debug("dev beacon API: writing a response failed: {}", e.toString());
    }
  }

  private JsonNode route(HttpExchange exchange) {
    String method = exchange.getRequestMethod();
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      throw BeaconApiException.methodNotAllowed(method);
    }
    String path = exchange.getRequestURI().getPath();
    if (path.length() > 1 && path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    String query = exchange.getRequestURI().getRawQuery();
    return switch (path) {
      case "/eth/v1/node/version" -> api.nodeVersion();
      case "/eth/v1/beacon/genesis" -> api.genesis();
      case "/eth/v1/config/spec" -> api.spec();
      default -> {
        if (path.startsWith(SIDECARS) && path.indexOf('/', SIDECARS.length()) < 0) {
          yield api.blobSidecars(path.substring(SIDECARS.length()), parameter(query, "indices"));
        }
        if (path.startsWith(BLOBS) && path.indexOf('/', BLOBS.length()) < 0) {
          yield api.blobs(path.substring(BLOBS.length()), parameter(query, "versioned_hashes"));
        }
        throw BeaconApiException.notFound("no route " + path + " on the dev beacon API");
      }
    };
  }

  /** Every value of a query parameter, decoded, in order. */
  static List<String> parameter(String rawQuery, String name) {
    List<String> values = new ArrayList<>();
    if (rawQuery == null || rawQuery.isEmpty()) {
      return values;
    }
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      String key = decode(eq < 0 ? pair : pair.substring(0, eq));
      if (key.equals(name) && eq >= 0) {
        values.add(decode(pair.substring(eq + 1)));
      }
    }
    return values;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw BeaconApiException.badRequest("malformed query: " + text);
    }
  }

  /** Stops listening (open exchanges get a second to finish) and ends the worker threads. */
  @Override
  public void close() {
    server.stop(1);
    workers.shutdown();
    try {
      if (!workers.awaitTermination(5, TimeUnit.SECONDS)) {
        workers.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("dev beacon API stopped");
  }

  @Override
  public String toString() {
    return "dev beacon API " + uri();
  }
}
