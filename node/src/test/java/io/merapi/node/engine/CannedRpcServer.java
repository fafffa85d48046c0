package io.merapi.node.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An HTTP server on a free loopback port that answers each JSON-RPC request with what the test's
 * {@link Handler} says: a result, an error, an HTTP status, or bytes that are not JSON. It records
 * the requests and their {@code Authorization} headers.
 */
final class CannedRpcServer implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();

  /** An HTTP answer. */
  record Answer(int status, String body) {
    static Answer result(Object result, JsonNode request) {
      var out = JSON.createObjectNode().put("jsonrpc", "2.0");
      out.set("id", request.get("id"));
      out.set("result", JSON.valueToTree(result));
      return new Answer(200, out.toString());
    }

    static Answer error(int code, String message, Object data, JsonNode request) {
      var out = JSON.createObjectNode().put("jsonrpc", "2.0");
      out.set("id", request.get("id"));
      var error = out.putObject("error").put("code", code).put("message", message);
      if (data != null) {
        error.set("data", JSON.valueToTree(data));
      }
      return new Answer(200, out.toString());
    }
  }

  @FunctionalInterface
  interface Handler {
    Answer answer(JsonNode request) throws Exception;
  }

  record Request(JsonNode body, Optional<String> authorization) {}

  private final HttpServer server;
  final List<Request> requests = new CopyOnWriteArrayList<>();

  CannedRpcServer(Handler handler) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try {
            JsonNode body = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(
                new Request(
                    body,
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("Authorization"))));
            Answer answer = handler.answer(body);
            send(exchange, answer);
          } catch (Exception e) {
            send(exchange, new Answer(500, "handler failed: " + e));
          }
        });
    server.start();
  }

  private static void send(HttpExchange exchange, Answer answer) throws IOException {
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
