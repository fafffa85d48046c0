package io.merapi.execution.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Raw JSON-RPC over HTTP for the node tests: whole response objects, errors included, as a client
 * on the wire sees them (the rpc module's clients unwrap results and raise errors instead).
 */
final class JsonRpcHttp {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI uri;
  private final Duration timeout;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  JsonRpcHttp(URI uri, Duration timeout) {
    this.uri = uri;
    this.timeout = timeout;
  }

  /** The response of one request body. */
  JsonNode post(String body) throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
  }

  /** The response of {@code method} with {@code params} (a JSON array text). */
  JsonNode call(String method, String params) throws IOException, InterruptedException {
    return post(
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}");
  }

  /** The result, failing the test on an error answer. */
  JsonNode result(String method, String params) throws IOException, InterruptedException {
    JsonNode response = call(method, params);
    if (response.has("error")) {
      throw new AssertionError(method + " answered " + response.get("error"));
    }
    return response.get("result");
  }
}
