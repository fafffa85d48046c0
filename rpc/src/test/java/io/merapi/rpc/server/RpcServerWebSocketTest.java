package io.merapi.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.TestMethods;
import io.merapi.rpc.client.ClientSubscription;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.rpc.client.WsRpcClient;
import io.merapi.rpc.subscription.Topic;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class RpcServerWebSocketTest {
  private static RpcMethods methods;
  private static Topic<Long> heads;
  private static RpcServer server;
  private static final io.micrometer.core.instrument.simple.SimpleMeterRegistry registry =
      new io.micrometer.core.instrument.simple.SimpleMeterRegistry();

  @BeforeAll
  @SuppressWarnings("unchecked")
  static void start() {
    methods = TestMethods.create();
    heads = (Topic<Long>) methods.topic("eth", "newHeads").orElseThrow();
    server =
        RpcServer.builder(
                RpcServerConfig.webSocketDefaults()
                    .withPort(0)
                    .withThreads(2, 2)
                    .withModules(Set.of("test", "eth"))
                    .withWebSocketOrigins(List.of("https://app.example.org"))
                    .withLimits(RpcLimits.defaults().withWebSocketLimits(1024 * 1024, 64 * 1024)))
            .methods(methods)
            .metrics(registry)
            .start();
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static WsRpcClient connect() {
    return WsRpcClient.connect(server.webSocketUri(), RpcClientOptions.defaults()).join();
  }

  @Test
  void callsAndBatchesOverWebSocket() {
    try (WsRpcClient client = connect()) {
      assertThat(client.call("test_add", "0x2", "0x2").textValue()).isEqualTo("0x4");
      assertThatThrownBy(() -> client.call("test_fail"))
          .isInstanceOfSatisfying(RpcException.class, e -> assertThat(e.code()).isEqualTo(-32000));
      var results =
          client
              .batch(
                  List.of(
                      io.merapi.rpc.client.BatchCall.of("test_blocking", "0x5"),
                      io.merapi.rpc.client.BatchCall.of("nope_nope")))
              .join();
      assertThat(results.get(0))
          .isEqualTo(
              new io.merapi.rpc.client.BatchResult.Success(
                  com.fasterxml.jackson.databind.node.TextNode.valueOf("0x5")));
      assertThat(results.get(1))
          .isInstanceOfSatisfying(
              io.merapi.rpc.client.BatchResult.Failure.class,
              f -> assertThat(f.error().code()).isEqualTo(-32601));
    }
  }

  @Test
  void subscribeNotifyUnsubscribe() throws Exception {
    try (WsRpcClient client = connect()) {
      BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
      ClientSubscription subscription = client.subscribe("eth", "newHeads", received::add).join();
      assertThat(subscription.id()).startsWith("0x");
      awaitTrue(() -> heads.subscriberCount() == 1);
      heads.publish(100L);
      heads.publish(101L);
      assertThat(received.poll(10, TimeUnit.SECONDS).longValue()).isEqualTo(100);
      assertThat(received.poll(10, TimeUnit.SECONDS).longValue()).isEqualTo(101);
      assertThat(subscription.unsubscribe().join()).isTrue();
      assertThat(subscription.ended()).isCompleted();
      assertThat(heads.subscriberCount()).isZero();
      heads.publish(102L);
      assertThat(client.call("test_add", "0x1", "0x1").textValue()).isEqualTo("0x2");
      assertThat(received).isEmpty();
    }
  }

  @Test
  void notificationsNeverPrecedeTheSubscriptionId() throws Exception {
    // Publish continuously while subscribing: the client must see its id before any notification
    // (the client drops notifications for ids it does not know, so a miss shows up as a gap).
    try (WsRpcClient client = connect()) {
      BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
      Thread publisher =
          new Thread(
              () -> {
                for (long i = 0; !Thread.currentThread().isInterrupted() && i < 2_000_000; i++) {
                  heads.publish(i);
                }
              });
      publisher.start();
      try {
        client.subscribe("eth", "newHeads", received::add).join();
        JsonNode first = received.poll(10, TimeUnit.SECONDS);
        JsonNode second = received.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        assertThat(second.longValue()).isEqualTo(first.longValue() + 1);
      } finally {
        publisher.interrupt();
        publisher.join();
      }
    }
  }

  @Test
  void closingTheConnectionEndsItsSubscriptions() throws Exception {
    WsRpcClient client = connect();
    ClientSubscription subscription = client.subscribe("eth", "newHeads", n -> {}).join();
    client.subscribe("eth", "logs", n -> {}).join();
    awaitTrue(() -> heads.subscriberCount() == 1);
    client.close();
    awaitTrue(() -> heads.subscriberCount() == 0);
    assertThat(methods.topic("eth", "logs").orElseThrow().subscriberCount()).isZero();
    assertThat(subscription.ended()).isCompletedExceptionally();
    assertThatThrownBy(() -> client.call("test_echo"))
        .isInstanceOfSatisfying(
            RpcTransportException.class,
            e -> assertThat(e.kind()).isEqualTo(RpcTransportException.Kind.CLOSED));
  }

  @Test
  void subscribeErrorsReachTheClient() {
    try (WsRpcClient client = connect()) {
      assertThatThrownBy(() -> RpcClientAwait.join(client.subscribe("eth", "pending", n -> {})))
          .isInstanceOfSatisfying(
              RpcException.class,
              e -> {
                assertThat(e.code()).isEqualTo(-32601);
                assertThat(e.error().message())
                    .isEqualTo("no \"pending\" subscription in eth namespace");
              });
    }
  }

  @Test
  void originsAreChecked() {
    RpcClientOptions evil =
        RpcClientOptions.defaults().withHeaders(Map.of("Origin", "https://evil.test"));
    assertThatThrownBy(() -> RpcClientAwait.join(WsRpcClient.connect(server.webSocketUri(), evil)))
        .isInstanceOfSatisfying(
            RpcTransportException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(RpcTransportException.Kind.CONNECTION);
              assertThat(e.getMessage()).contains("403");
            });
    RpcClientOptions app =
        RpcClientOptions.defaults().withHeaders(Map.of("Origin", "https://app.example.org"));
    try (WsRpcClient client = WsRpcClient.connect(server.webSocketUri(), app).join()) {
      assertThat(client.call("test_add", "0x1", "0x0").textValue()).isEqualTo("0x1");
    }
  }

  @Test
  void anOversizeMessageClosesOnlyThatConnection() throws Exception {
    java.util.concurrent.CompletableFuture<Integer> closed =
        new java.util.concurrent.CompletableFuture<>();
    // Not closed with try-with-resources: close() waits for the refused send to finish.
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    try {
      java.net.http.WebSocket socket =
          http.newWebSocketBuilder()
              .buildAsync(
                  server.webSocketUri(),
                  new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onClose(
                        java.net.http.WebSocket webSocket, int statusCode, String reason) {
                      closed.complete(statusCode);
                      return null;
                    }

                    @Override
                    public void onError(java.net.http.WebSocket webSocket, Throwable error) {
                      closed.complete(-1);
                    }
                  })
              .get(10, TimeUnit.SECONDS);
      String huge =
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"test_echo\",\"params\":[\""
              + "a".repeat(2 * 1024 * 1024)
              + "\"]}";
      socket.sendText(huge, true);
      // 1009: message too big (RFC 6455 section 7.4.1).
      assertThat(closed.get(20, TimeUnit.SECONDS)).isEqualTo(1009);
      socket.abort();
    } finally {
      http.shutdownNow();
    }
    try (WsRpcClient client = connect()) {
      assertThat(client.call("test_add", "0x1", "0x1").textValue()).isEqualTo("0x2");
    }
  }

  @Test
  void httpIsNotServedOnAWebSocketOnlyPort() throws Exception {
    RawHttp.Response response =
        RawHttp.post(
            server.port(),
            RpcProcessorTest.call(1, "test_echo", "[]"),
            "Content-Type: application/json");
    assertThat(response.status()).isEqualTo(404);
  }

  @Test
  void aClientThatDoesNotReadIsDropped() throws Exception {
    int before = heads.subscriberCount();
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(4096);
      socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      out.write(
          ("GET / HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                  + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      readHandshake(in);
      out.write(
          maskedTextFrame(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_subscribe\",\"params\":[\"newHeads\"]}"));
      out.flush();
      awaitTrue(() -> heads.subscriberCount() == before + 1);
      // Never read again. Each notification is ~ 2 KB: the kernel buffers fill, then the queue.
      Topic<Object> raw = rawTopic();
      String padding = "x".repeat(2000);
      for (int i = 0; i < 200_000 && heads.subscriberCount() > before; i++) {
        raw.publish(padding);
      }
      awaitTrue(() -> heads.subscriberCount() == before);
    }
    // Dropped by the queue limit, not closed for another reason.
    assertThat(registry.get("rpc.websocket.dropped").counter().count()).isEqualTo(1.0);
  }

  @SuppressWarnings("unchecked")
  private static Topic<Object> rawTopic() {
    return (Topic<Object>) (Topic<?>) heads;
  }

  private static void readHandshake(InputStream in) throws Exception {
    StringBuilder head = new StringBuilder();
    while (!head.toString().endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new AssertionError("connection closed during handshake: " + head);
      }
      head.append((char) b);
    }
    assertThat(head.toString()).startsWith("HTTP/1.1 101");
  }

  private static byte[] maskedTextFrame(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    assertThat(payload.length).isLessThan(126);
    byte[] mask = {1, 2, 3, 4};
    byte[] frame = new byte[2 + 4 + payload.length];
    frame[0] = (byte) 0x81;
    frame[1] = (byte) (0x80 | payload.length);
    System.arraycopy(mask, 0, frame, 2, 4);
    for (int i = 0; i < payload.length; i++) {
      frame[6 + i] = (byte) (payload[i] ^ mask[i % 4]);
    }
    return frame;
  }

  static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 20 s");
      }
      Thread.sleep(10);
    }
  }
}
