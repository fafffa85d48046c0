package io.merapi.node.beacon;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on a free loopback port answering beacon API paths from a table of bodies;
 * paths it has no body for get 404, as a beacon node answers for a slot without a block or an
 * endpoint it does not have. It records the paths and queries it was asked.
 */
final class BeaconTestServer implements AutoCloseable {
  record Answer(int status, byte[] body) {
    static Answer ok(String json) {
      return new Answer(200, json.getBytes(StandardCharsets.UTF_8));
    }

    static Answer ok(byte[] json) {
      return new Answer(200, json);
    }
  }

  private final HttpServer server;

  /** Answers by path (without the query). */
  final Map<String, Answer> answers = new ConcurrentHashMap<>();

  /** Each request as path?query. */
  final List<String> requests = new CopyOnWriteArrayList<>();

  BeaconTestServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      String path = uri.getPath();
      requests.add(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
      Answer answer =
          answers.getOrDefault(
              path,
              new Answer(
                  404,
                  "{\"code\":404,\"message\":\"NOT_FOUND\"}".getBytes(StandardCharsets.UTF_8)));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(answer.status(), answer.body().length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer.body());
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
