package io.merapi.node.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP JSON-RPC server on a free loopback port answering from a handler, single calls and
 * batches (arrays) alike. It can be told to answer the next requests with an HTTP error, and it
 * records what it was asked.
 */
final class JsonRpcTestServer implements AutoCloseable {
  /** An error answer the handler gives instead of a result. */
  static final class Refusal extends RuntimeException {
    final int code;

    Refusal(int code, String message) {
      super(message);
      this.code = code;
    }
  }

  @FunctionalInterface
  interface Handler {
    /** The result of {@code method}, or a {@link Refusal}. */
    JsonNode answer(String method, JsonNode params);
  }

  static final ObjectMapper MAPPER = new ObjectMapper();

  private final HttpServer server;
  private final Handler handler;

  /** Each HTTP request: its method names, in order (one for a single call). */
  final List<List<String>> requests = new CopyOnWriteArrayList<>();

  /** The next this many HTTP requests get {@link #failStatus}. */
  final AtomicInteger failNext = new AtomicInteger();

  volatile int failStatus = 503;

  JsonRpcTestServer(Handler handler) throws IOException {
    this.handler = handler;
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  /** All methods called, flattened. */
  List<String> methods() {
    return requests.stream().flatMap(List::stream).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      JsonNode request = MAPPER.readTree(exchange.getRequestBody().readAllBytes());
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        requests.add(List.of("<refused>"));
        send(exchange, failStatus, "{\"error\":\"busy\"}");
        return;
      }
      JsonNode response;
      if (request.isArray()) {
        ArrayNode answers = MAPPER.createArrayNode();
        requests.add(
            java.util.stream.StreamSupport.stream(request.spliterator(), false)
                .map(c -> c.path("method").asText())
                .toList());
        for (JsonNode call : request) {
          answers.add(answer(call));
        }
        response = answers;
      } else {
        requests.add(List.of(request.path("method").asText()));
        response = answer(request);
      }
      send(exchange, 200, MAPPER.writeValueAsString(response));
    }
  }

  private ObjectNode answer(JsonNode call) {
    ObjectNode out = MAPPER.createObjectNode();
    out.put("jsonrpc", "2.0");
    out.set("id", call.get("id"));
    try {
      JsonNode result = handler.answer(call.path("method").asText(), call.path("params"));
      out.set("result", result == null ? MAPPER.nullNode() : result);
    } catch (Refusal refusal) {
      ObjectNode error = out.putObject("error");
      error.put("code", refusal.code);
      error.put("message", refusal.getMessage());
    }
    return out;
  }

  private static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
