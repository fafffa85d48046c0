package io.merapi.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.rpc.TestMethods;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RpcServerHttpTest {
  private static final String JSON = "Content-Type: application/json";
  private static PrometheusMeterRegistry registry;
  private static RpcServer server;
  private static int port;

  @BeforeAll
  static void start() {
    registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    server =
        RpcServer.builder(
                RpcServerConfig.httpDefaults()
                    .withPort(0)
                    .withThreads(2, 2)
                    .withModules(Set.of("test", "eth"))
                    .withCorsDomains(List.of("https://app.example.org", "http://*.local.test"))
                    .withLimits(
                        RpcLimits.defaults()
                            .withBodyLimit(64 * 1024)
                            .withBatchLimits(10, 1_000_000)))
            .methods(TestMethods.create())
            .prometheus(registry)
            .route("/health", request -> request.response().end("ok"))
            .start();
    port = server.port();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static String call(int id, String method, String params) {
    return RpcProcessorTest.call(id, method, params);
  }

  @Test
  void servesASingleCall() throws Exception {
    RawHttp.Response response = RawHttp.post(port, call(1, "test_add", "[\"0x1\",\"0x2\"]"), JSON);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.header("content-type")).isEqualTo("application/json");
    assertThat(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x3\"}");
  }

  @Test
  void servesBatchesInOrder() throws Exception {
    String batch =
        "["
            + call(1, "test_blocking", "[\"0x9\"]")
            + ","
            + call(2, "test_add", "[\"0x1\",\"0x1\"]")
            + "]";
    RawHttp.Response response = RawHttp.post(port, batch, JSON);
    assertThat(response.body())
        .isEqualTo(
            "[{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x9\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":\"0x2\"}]");
  }

  @Test
  void notificationsGetAnEmptyAnswer() throws Exception {
    RawHttp.Response response =
        RawHttp.post(port, "{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\",\"params\":[]}", JSON);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void malformedJsonIsAParseError() throws Exception {
    RawHttp.Response response = RawHttp.post(port, "{\"jsonrpc\":\"2.0\",", JSON);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .isEqualTo(
            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32700,\"message\":\"parse error\"}}");
  }

  @Test
  void oversizeBatchIsRefusedWithOneError() throws Exception {
    String batch =
        "[" + (call(5, "test_echo", "[]") + ",").repeat(10) + call(6, "test_echo", "[]") + "]";
    assertThat(RawHttp.post(port, batch, JSON).body())
        .isEqualTo(
            "[{\"jsonrpc\":\"2.0\",\"id\":5,\"error\":{\"code\":-32600,\"message\":\"batch too large\"}}]");
  }

  @Test
  void oversizeBodyIsRefusedWith413() throws Exception {
    String big = call(1, "test_echo", "[\"" + "a".repeat(70 * 1024) + "\"]");
    RawHttp.Response declared = RawHttp.post(port, big, JSON);
    assertThat(declared.status()).isEqualTo(413);
    assertThat(declared.body()).startsWith("content length too large (");
    // Without a Content-Length (chunked), the limit is found while reading.
    String chunked = Integer.toHexString(big.length()) + "\r\n" + big + "\r\n0\r\n\r\n";
    RawHttp.Response streamed =
        RawHttp.exchange(
            port,
            "POST",
            "/",
            chunked.getBytes(StandardCharsets.UTF_8),
            JSON,
            "Transfer-Encoding: chunked");
    assertThat(streamed.status()).isEqualTo(413);
    assertThat(streamed.body()).startsWith("request body too large");
    // The server still answers afterwards.
    assertThat(RawHttp.post(port, call(2, "test_add", "[\"0x1\",\"0x1\"]"), JSON).status())
        .isEqualTo(200);
  }

  @Test
  void refusesOtherContentTypesAndMethods() throws Exception {
    RawHttp.Response text =
        RawHttp.post(port, call(1, "test_echo", "[]"), "Content-Type: text/plain");
    assertThat(text.status()).isEqualTo(415);
    assertThat(text.body().strip())
        .isEqualTo("invalid content type, only application/json is supported");
    assertThat(
            RawHttp.post(
                    port,
                    call(1, "test_echo", "[]"),
                    "Content-Type: application/json; charset=utf-8")
                .status())
        .isEqualTo(200);
    RawHttp.Response put =
        RawHttp.exchange(
            port, "PUT", "/", call(1, "test_echo", "[]").getBytes(StandardCharsets.UTF_8), JSON);
    assertThat(put.status()).isEqualTo(405);
  }

  @Test
  void emptyGetIsAHealthProbe() throws Exception {
    RawHttp.Response response = RawHttp.exchange(port, "GET", "/", new byte[0]);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEmpty();
  }

  @Test
  void unknownPathIs404() throws Exception {
    assertThat(RawHttp.post(port, call(1, "test_echo", "[]"), JSON).status()).isEqualTo(200);
    RawHttp.Response response =
        RawHttp.exchange(
            port,
            "POST",
            "/other",
            call(1, "test_echo", "[]").getBytes(StandardCharsets.UTF_8),
            JSON);
    assertThat(response.status()).isEqualTo(404);
  }

  @Test
  void hostHeaderMustBeAnAllowedName() throws Exception {
    String body = call(1, "test_add", "[\"0x1\",\"0x1\"]");
    RawHttp.Response evil = RawHttp.post(port, body, JSON, "Host: evil.example.com");
    assertThat(evil.status()).isEqualTo(403);
    assertThat(evil.body().strip()).isEqualTo("invalid host specified");
    assertThat(RawHttp.post(port, body, JSON, "Host: localhost:" + port).status()).isEqualTo(200);
    assertThat(RawHttp.post(port, body, JSON, "Host: LOCALHOST").status()).isEqualTo(200);
    assertThat(RawHttp.post(port, body, JSON, "Host: 127.0.0.1:" + port).status()).isEqualTo(200);
    assertThat(RawHttp.post(port, body, JSON, "Host: [::1]:" + port).status()).isEqualTo(200);
  }

  @Test
  void corsPreflightForAnAllowedOrigin() throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(
            port,
            "OPTIONS",
            "/",
            new byte[0],
            "Origin: https://app.example.org",
            "Access-Control-Request-Method: POST",
            "Access-Control-Request-Headers: content-type");
    assertThat(response.status()).isEqualTo(204);
    assertThat(response.header("access-control-allow-origin")).isEqualTo("https://app.example.org");
    assertThat(response.header("access-control-allow-methods")).isEqualTo("POST");
    assertThat(response.header("access-control-allow-headers")).isEqualTo("content-type");
    assertThat(response.header("access-control-max-age")).isEqualTo("600");
  }

  @Test
  void corsWildcardAndRefusal() throws Exception {
    RawHttp.Response wildcard =
        RawHttp.exchange(
            port,
            "OPTIONS",
            "/",
            new byte[0],
            "Origin: http://wallet.local.test",
            "Access-Control-Request-Method: POST");
    assertThat(wildcard.header("access-control-allow-origin"))
        .isEqualTo("http://wallet.local.test");
    RawHttp.Response refused =
        RawHttp.exchange(
            port,
            "OPTIONS",
            "/",
            new byte[0],
            "Origin: https://evil.test",
            "Access-Control-Request-Method: POST");
    assertThat(refused.status()).isEqualTo(204);
    assertThat(refused.header("access-control-allow-origin")).isNull();
    RawHttp.Response badMethod =
        RawHttp.exchange(
            port,
            "OPTIONS",
            "/",
            new byte[0],
            "Origin: https://app.example.org",
            "Access-Control-Request-Method: DELETE");
    assertThat(badMethod.header("access-control-allow-origin")).isNull();
  }

  @Test
  void corsHeadersOnActualRequests() throws Exception {
    RawHttp.Response allowed =
        RawHttp.post(port, call(1, "test_echo", "[]"), JSON, "Origin: https://app.example.org");
    assertThat(allowed.header("access-control-allow-origin")).isEqualTo("https://app.example.org");
    assertThat(allowed.header("vary")).isEqualTo("Origin");
    RawHttp.Response other =
        RawHttp.post(port, call(1, "test_echo", "[]"), JSON, "Origin: https://evil.test");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("access-control-allow-origin")).isNull();
  }

  @Test
  void extraRoutesAndMetrics() throws Exception {
    assertThat(RawHttp.exchange(port, "GET", "/health", new byte[0]).body()).isEqualTo("ok");
    RawHttp.post(port, call(1, "test_add", "[\"0x1\",\"0x1\"]"), JSON);
    RawHttp.post(port, call(2, "test_fail", "[]"), JSON);
    RawHttp.post(port, call(3, "no_such", "[]"), JSON);
    RawHttp.Response metrics = RawHttp.exchange(port, "GET", "/metrics", new byte[0]);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("content-type")).startsWith("text/plain");
    assertThat(metrics.body())
        .containsPattern(
            "rpc_requests_seconds_count\\{method=\"test_add\",server=\"http\",success=\"true\"\\} [1-9]")
        .containsPattern(
            "rpc_requests_seconds_count\\{method=\"test_fail\",server=\"http\",success=\"false\"\\} [1-9]")
        .contains("rpc_requests_seconds_bucket{")
        .doesNotContain("no_such");
  }

  @Test
  void stopReleasesThePort() throws Exception {
    RpcServer other =
        RpcServer.builder(RpcServerConfig.httpDefaults().withPort(0).withThreads(2, 1))
            .methods(TestMethods.create())
            .start();
    int otherPort = other.port();
    assertThat(RawHttp.post(otherPort, call(1, "test_add", "[\"0x1\",\"0x1\"]"), JSON).status())
        .isEqualTo(200);
    other.stop();
    try (ServerSocket socket =
        new ServerSocket(otherPort, 1, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(socket.getLocalPort()).isEqualTo(otherPort);
    }
  }

  @Test
  void bindingATakenPortFailsClearly() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      RpcServer clash =
          RpcServer.builder(
                  RpcServerConfig.httpDefaults().withPort(taken.getLocalPort()).withThreads(1, 1))
              .build();
      org.assertj.core.api.Assertions.assertThatThrownBy(clash::start)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("could not listen on 127.0.0.1:" + taken.getLocalPort());
    }
  }
}
