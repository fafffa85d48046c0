package io.merapi.rpc.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.TextNode;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.TestMethods;
import io.merapi.rpc.server.RpcLimits;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RpcClientTest {
  private static RpcServer server;
  private static HttpRpcClient client;

  @BeforeAll
  static void start() {
    server =
        RpcServer.builder(
                RpcServerConfig.httpDefaults()
                    .withPort(0)
                    .withThreads(1, 2)
                    .withModules(Set.of("test"))
                    .withLimits(RpcLimits.defaults().withBatchLimits(3, 1_000_000)))
            .methods(TestMethods.create())
            .start();
    client = HttpRpcClient.create(server.httpUri(), RpcClientOptions.defaults());
  }

  @AfterAll
  static void stop() {
    client.close();
    server.stop();
  }

  @Test
  void roundTripsTypedValues() {
    assertThat(client.call(UInt256.class, "test_add", "0x10", "0x20"))
        .isEqualTo(UInt256.valueOf(48));
    assertThat(client.call(String.class, "test_blocking", "0x1")).isEqualTo("0x1");
    assertThat(client.request(String.class, "test_async").join()).isEqualTo("later");
    List<Object> echoed =
        client
            .request(new TypeReference<List<Object>>() {}, "test_echo", 1, "two", Map.of("k", true))
            .join();
    assertThat(echoed).containsExactly(1, "two", Map.of("k", true));
  }

  @Test
  void serverErrorsBecomeRpcExceptionsWithData() {
    assertThatThrownBy(() -> client.call("test_revert"))
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.code()).isEqualTo(3);
              assertThat(e.error().message()).isEqualTo("execution reverted: nope");
              assertThat(e.error().data())
                  .contains(TextNode.valueOf(Hex.encode(TestMethods.REVERT)));
            });
    assertThatThrownBy(() -> client.call("test_add", "0x1"))
        .isInstanceOfSatisfying(
            RpcException.class,
            e ->
                assertThat(e.error())
                    .isEqualTo(RpcError.invalidParams("missing value for required argument 1")));
  }

  @Test
  void batchesAnswerInOrder() {
    List<BatchResult> results =
        client
            .batch(
                List.of(
                    BatchCall.of("test_add", "0x1", "0x1"),
                    BatchCall.of("test_fail"),
                    BatchCall.of("test_blocking", "0x3")))
            .join();
    assertThat(results)
        .containsExactly(
            new BatchResult.Success(TextNode.valueOf("0x2")),
            new BatchResult.Failure(RpcError.server("boom")),
            new BatchResult.Success(TextNode.valueOf("0x3")));
  }

  @Test
  void aBatchRefusedAsAWholeFailsEveryCall() {
    List<BatchResult> results =
        client
            .batch(
                List.of(
                    BatchCall.of("test_echo"),
                    BatchCall.of("test_echo"),
                    BatchCall.of("test_echo"),
                    BatchCall.of("test_echo")))
            .join();
    assertThat(results)
        .hasSize(4)
        .allMatch(r -> r.equals(new BatchResult.Failure(RpcError.batchTooLarge())));
  }

  @Test
  void slowCallsTimeOut() {
    try (HttpRpcClient impatient =
        HttpRpcClient.create(
            server.httpUri(), RpcClientOptions.defaults().withTimeout(Duration.ofMillis(300)))) {
      assertThatThrownBy(() -> impatient.call("test_never"))
          .isInstanceOfSatisfying(
              RpcTransportException.class,
              e -> assertThat(e.kind()).isEqualTo(RpcTransportException.Kind.TIMEOUT));
      // The pool still works afterwards.
      assertThat(impatient.call("test_add", "0x1", "0x0").textValue()).isEqualTo("0x1");
    }
  }

  @Test
  void refusedConnectionsAreTransportErrors() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (HttpRpcClient nowhere =
        HttpRpcClient.create(
            URI.create("http://127.0.0.1:" + port + "/"), RpcClientOptions.defaults())) {
      assertThatThrownBy(() -> nowhere.call("test_echo"))
          .isInstanceOfSatisfying(
              RpcTransportException.class,
              e -> assertThat(e.kind()).isEqualTo(RpcTransportException.Kind.CONNECTION));
    }
  }

  @Test
  void everyAnswerArrivesWhenCallsAlternateFastAndDelayedAnswers() {
    // Regression: started from a non-Vert.x thread, Vert.x 4.5's client lost about one answer in
    // three hundred when a fast answer followed a delayed one on the same connection.
    try (HttpRpcClient quick =
        HttpRpcClient.create(
            server.httpUri(), RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(5)))) {
      for (int i = 0; i < 600; i++) {
        assertThat(quick.call(String.class, "test_async")).isEqualTo("later");
        assertThat(quick.call(String.class, "test_add", "0x1", "0x1")).isEqualTo("0x2");
      }
    }
  }

  @Test
  void unencodableParamsFailBeforeSending() {
    assertThatThrownBy(() -> client.call("test_echo", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
