package io.merapi.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.rpc.TestMethods;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.rpc.client.WsRpcClient;
import io.merapi.rpc.jwt.Jwt;
import io.merapi.rpc.jwt.JwtSecret;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Engine API port: every request and WebSocket upgrade needs a fresh HS256 token. */
class EngineApiAuthTest {
  private static final JwtSecret SECRET = JwtSecret.generate();
  private static final String BODY = RpcProcessorTest.call(1, "test_add", "[\"0x1\",\"0x2\"]");
  private static final String JSON = "Content-Type: application/json";
  private static RpcServer server;

  @BeforeAll
  static void start() {
    server =
        RpcServer.builder(
                RpcServerConfig.engineApi(SECRET)
                    .withPort(0)
                    .withThreads(1, 2)
                    .withModules(Set.of("test", "engine", "eth")))
            .methods(TestMethods.create())
            .start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static RawHttp.Response postWith(String authorization) throws Exception {
    return RawHttp.post(server.port(), BODY, JSON, "Authorization: " + authorization);
  }

  @Test
  void acceptsAFreshToken() throws Exception {
    RawHttp.Response response = postWith("Bearer " + new Jwt(SECRET).mint());
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":\"0x3\"}");
  }

  @Test
  void refusesAMissingToken() throws Exception {
    RawHttp.Response response = RawHttp.post(server.port(), BODY, JSON);
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().strip()).isEqualTo("missing token");
  }

  @Test
  void refusesAnotherSecret() throws Exception {
    RawHttp.Response response = postWith("Bearer " + new Jwt(JwtSecret.generate()).mint());
    assertThat(response.status()).isEqualTo(401);
    assertThat(response.body().strip()).isEqualTo("token signature is invalid");
  }

  @Test
  void refusesStaleAndFutureIat() throws Exception {
    Jwt jwt = new Jwt(SECRET);
    Instant now = Instant.now();
    RawHttp.Response stale = postWith("Bearer " + jwt.mint(now.minusSeconds(120)));
    assertThat(stale.status()).isEqualTo(401);
    assertThat(stale.body().strip()).isEqualTo("stale token");
    RawHttp.Response future = postWith("Bearer " + jwt.mint(now.plusSeconds(120)));
    assertThat(future.status()).isEqualTo(401);
    assertThat(future.body().strip()).isEqualTo("future token");
  }

  @Test
  void serverClockDecidesFreshness() throws Exception {
    // A server whose clock is an hour ahead refuses tokens minted with the real time.
    Clock ahead = Clock.fixed(Instant.now().plusSeconds(3600), ZoneOffset.UTC);
    RpcServer skewed =
        RpcServer.builder(RpcServerConfig.engineApi(SECRET).withPort(0).withThreads(1, 1))
            .methods(TestMethods.create())
            .clock(ahead)
            .start();
    try {
      RawHttp.Response response =
          RawHttp.post(
              skewed.port(), BODY, JSON, "Authorization: Bearer " + new Jwt(SECRET).mint());
      assertThat(response.status()).isEqualTo(401);
      assertThat(response.body().strip()).isEqualTo("stale token");
    } finally {
      skewed.stop();
    }
  }

  @Test
  void clientsWithTheSecretGetThrough() {
    RpcClientOptions options = RpcClientOptions.defaults().withJwtSecret(SECRET);
    try (HttpRpcClient http = HttpRpcClient.create(server.httpUri(), options)) {
      assertThat(http.call("test_add", "0x1", "0x1").textValue()).isEqualTo("0x2");
    }
    try (WsRpcClient ws = WsRpcClient.connect(server.webSocketUri(), options).join()) {
      assertThat(ws.call("test_add", "0x2", "0x1").textValue()).isEqualTo("0x3");
    }
  }

  @Test
  void clientsWithoutTheSecretAreRefused() {
    try (HttpRpcClient http = HttpRpcClient.create(server.httpUri(), RpcClientOptions.defaults())) {
      assertThatThrownBy(() -> http.call("test_add", "0x1", "0x1"))
          .isInstanceOfSatisfying(
              RpcTransportException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(RpcTransportException.Kind.HTTP_STATUS);
                assertThat(e.httpStatus()).hasValue(401);
                assertThat(e.getMessage()).isEqualTo("401 Unauthorized: missing token");
              });
    }
    assertThatThrownBy(
            () ->
                RpcClientAwait.join(
                    WsRpcClient.connect(server.webSocketUri(), RpcClientOptions.defaults())))
        .isInstanceOfSatisfying(
            RpcTransportException.class, e -> assertThat(e.getMessage()).contains("401"));
    RpcClientOptions wrong = RpcClientOptions.defaults().withJwtSecret(JwtSecret.generate());
    assertThatThrownBy(() -> RpcClientAwait.join(WsRpcClient.connect(server.webSocketUri(), wrong)))
        .isInstanceOf(RpcTransportException.class);
  }
}
