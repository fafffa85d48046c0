package io.merapi.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.metrics.RpcMetrics;
import io.merapi.rpc.subscription.ConnectionSubscriptions;
import io.merapi.rpc.subscription.NotificationSink;
import io.merapi.rpc.subscription.Topic;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RpcProcessorTest {
  private final ExecutorService worker = Executors.newFixedThreadPool(2);
  private final RpcMethods methods = io.merapi.rpc.TestMethods.create();
  private final RpcServerConfig config =
      RpcServerConfig.httpDefaults()
          .withModules(Set.of("test", "eth"))
          .withLimits(
              RpcLimits.defaults()
                  .withBatchLimits(5, 300)
                  .withRequestTimeout(Duration.ofMillis(200)));
  private final RpcProcessor processor =
      new RpcProcessor(methods, config, worker, RpcMetrics.disabled());

  @AfterEach
  void stop() {
    worker.shutdownNow();
  }

  private String handle(String body) {
    return handle(body, Transport.HTTP);
  }

  private String handle(String body, Transport transport) {
    Reply reply = processor.handle(body.getBytes(StandardCharsets.UTF_8), transport).join();
    return reply.body().map(b -> new String(b, StandardCharsets.UTF_8)).orElse("");
  }

  static String call(Object id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"method\":\""
        + method
        + "\",\"params\":"
        + params
        + "}";
  }

  static String error(Object id, int code, String message) {
    return "{\"jsonrpc\":\"2.0\",\"id\":"
        + id
        + ",\"error\":{\"code\":"
        + code
        + ",\"message\":\""
        + message
        + "\"}}";
  }

  static String result(Object id, String json) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"result\":" + json + "}";
  }

  /** A request body and the exact response text geth's rules give for it. */
  record Case(String name, String request, String response) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case[] cases() {
    return new Case[] {
      new Case("inline call", call(1, "test_add", "[\"0x2\",\"0x3\"]"), result(1, "\"0x5\"")),
      new Case(
          "string id echoed",
          call("\"abc\"", "test_add", "[\"0x0\",\"0x0\"]"),
          result("\"abc\"", "\"0x0\"")),
      new Case(
          "null id answered",
          call("null", "test_add", "[\"0x1\",\"0x0\"]"),
          result("null", "\"0x1\"")),
      new Case(
          "absent params",
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"test_echo\"}",
          result(2, "[]")),
      new Case("null params", call(2, "test_echo", "null"), result(2, "[]")),
      new Case("parse error", "{\"jsonrpc\":", error("null", -32700, "parse error")),
      new Case("empty body", "", error("null", -32700, "parse error")),
      new Case("not an object", "17", error("null", -32600, "invalid request")),
      new Case(
          "wrong version",
          "{\"jsonrpc\":\"1.0\",\"id\":4,\"method\":\"test_echo\"}",
          error(4, -32600, "invalid request")),
      new Case(
          "unknown method",
          call(3, "eth_nothing", "[]"),
          error(3, -32601, "the method eth_nothing does not exist/is not available")),
      new Case(
          "namespace not exposed",
          call(3, "debug_secret", "[]"),
          error(3, -32601, "the method debug_secret does not exist/is not available")),
      new Case(
          "non-array params",
          call(5, "test_echo", "{\"a\":1}"),
          error(5, -32602, "non-array args")),
      new Case(
          "too many params",
          call(6, "test_add", "[\"0x1\",\"0x2\",\"0x3\"]"),
          error(6, -32602, "too many arguments, want at most 2")),
      new Case(
          "missing param",
          call(7, "test_add", "[\"0x1\"]"),
          error(7, -32602, "missing value for required argument 1")),
      new Case(
          "bad hex quantity",
          call(8, "test_add", "[\"0x01\",\"0x1\"]"),
          error(8, -32602, "invalid argument 0: quantity has leading zeros: \\\"0x01\\\"")),
      new Case("handler RPC error", call(9, "test_fail", "[]"), error(9, -32000, "boom")),
      new Case(
          "handler crash",
          call(10, "test_crash", "[]"),
          error(10, -32603, "method handler crashed")),
      new Case(
          "revert",
          call(11, "test_revert", "[]"),
          "{\"jsonrpc\":\"2.0\",\"id\":11,\"error\":{\"code\":3,\"message\":\"execution reverted: nope\",\"data\":\""
              + Hex.encode(io.merapi.rpc.TestMethods.REVERT)
              + "\"}}"),
      new Case("blocking call", call(12, "test_blocking", "[\"0x7\"]"), result(12, "\"0x7\"")),
      new Case("async call", call(13, "test_async", "[]"), result(13, "\"later\"")),
      new Case("async failure", call(14, "test_asyncFail", "[]"), error(14, -32000, "async boom")),
      new Case("timeout", call(15, "test_never", "[]"), error(15, -32002, "request timed out")),
      new Case(
          "unencodable result",
          call(16, "test_unencodable", "[]"),
          error(16, -32603, "result cannot be encoded")),
      new Case("notification", "{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\",\"params\":[1]}", ""),
      new Case("failing notification", "{\"jsonrpc\":\"2.0\",\"method\":\"test_fail\"}", ""),
      new Case("empty batch", "[]", error("null", -32600, "empty batch")),
      new Case(
          "batch in order, notifications left out",
          "["
              + call(1, "test_blocking", "[\"0x1\"]")
              + ",{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\"},"
              + call(2, "test_add", "[\"0x1\",\"0x1\"]")
              + ",5,"
              + call(3, "test_async", "[]")
              + "]",
          "["
              + result(1, "\"0x1\"")
              + ","
              + result(2, "\"0x2\"")
              + ","
              + error("null", -32600, "invalid request")
              + ","
              + result(3, "\"later\"")
              + "]"),
      new Case(
          "batch of notifications only", "[{\"jsonrpc\":\"2.0\",\"method\":\"test_echo\"}]", ""),
      new Case(
          "batch too large answers with the first call's id",
          "[5," + (call(7, "test_echo", "[]") + ",").repeat(5) + call(8, "test_echo", "[]") + "]",
          "[" + error(7, -32600, "batch too large") + "]"),
      new Case(
          "batch response too large",
          "["
              + call(1, "test_big", "[\"0x64\"]")
              + ","
              + call(2, "test_big", "[\"0x64\"]")
              + ","
              + call(3, "test_big", "[\"0x64\"]")
              + ","
              + call(4, "test_big", "[\"0x64\"]")
              + "]",
          "["
              + result(1, "\"" + "x".repeat(100) + "\"")
              + ","
              + result(2, "\"" + "x".repeat(100) + "\"")
              + ","
              + result(3, "\"" + "x".repeat(100) + "\"")
              + ","
              + error(4, -32003, "response too large")
              + "]"),
      new Case(
          "subscribe over HTTP",
          call(20, "eth_subscribe", "[\"newHeads\"]"),
          error(20, -32601, "notifications not supported")),
      new Case(
          "unsubscribe over HTTP",
          call(21, "eth_unsubscribe", "[\"0x1\"]"),
          error(21, -32000, "subscription not found")),
      new Case(
          "rpc_modules lists exposed namespaces",
          call(22, "rpc_modules", "[]"),
          result(22, "{\"eth\":\"1.0\",\"rpc\":\"1.0\",\"test\":\"1.0\"}")),
    };
  }

  @ParameterizedTest
  @MethodSource("cases")
  void answersAsGethDoes(Case c) {
    assertThat(handle(c.request())).isEqualTo(c.response());
  }

  @Test
  void subscriptionsOpenOnWebSocketsAndNotifyAfterActivation() throws Exception {
    List<String> sent = new ArrayList<>();
    NotificationSink sink =
        new NotificationSink() {
          @Override
          public void execute(Runnable task) {
            task.run();
          }

          @Override
          public void send(String message) {
            sent.add(message);
          }

          @Override
          public void drop(String reason) {
            throw new AssertionError(reason);
          }
        };
    ConnectionSubscriptions subscriptions = new ConnectionSubscriptions(sink);
    Transport ws = new Transport.WebSocket(subscriptions);
    @SuppressWarnings("unchecked")
    Topic<Long> heads = (Topic<Long>) methods.topic("eth", "newHeads").orElseThrow();

    Reply reply =
        processor
            .handle(call(1, "eth_subscribe", "[\"newHeads\"]").getBytes(StandardCharsets.UTF_8), ws)
            .join();
    JsonNode answer = RpcJson.mapper().readTree(reply.body().orElseThrow());
    String id = answer.get("result").textValue();
    assertThat(id).matches("0x[1-9a-f][0-9a-f]*");
    assertThat(reply.opened()).hasSize(1);

    heads.publish(7L); // before activation: held back
    assertThat(sent).isEmpty();
    reply.opened().forEach(s -> s.activate());
    heads.publish(8L);
    assertThat(sent)
        .containsExactly(
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\""
                + id
                + "\",\"result\":7}}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"eth_subscription\",\"params\":{\"subscription\":\""
                + id
                + "\",\"result\":8}}");

    assertThat(handle(call(2, "eth_unsubscribe", "[\"" + id + "\"]"), ws))
        .isEqualTo(result(2, "true"));
    assertThat(handle(call(3, "eth_unsubscribe", "[\"" + id + "\"]"), ws))
        .isEqualTo(error(3, -32000, "subscription not found"));
    heads.publish(9L);
    assertThat(sent).hasSize(2);
    assertThat(heads.subscriberCount()).isZero();
  }

  @Test
  void subscribeErrorsOnWebSockets() {
    ConnectionSubscriptions subscriptions = new ConnectionSubscriptions(new NullSink());
    Transport ws = new Transport.WebSocket(subscriptions);
    assertThat(handle(call(1, "eth_subscribe", "[\"nope\"]"), ws))
        .isEqualTo(error(1, -32601, "no \\\"nope\\\" subscription in eth namespace"));
    assertThat(handle(call(2, "eth_subscribe", "[]"), ws))
        .isEqualTo(error(2, -32602, "expected subscription name as first argument"));
    assertThat(handle(call(3, "eth_subscribe", "[\"newHeads\", 1]"), ws))
        .isEqualTo(error(3, -32602, "too many arguments, want at most 1"));
    assertThat(handle(call(4, "debug_subscribe", "[\"newHeads\"]"), ws))
        .isEqualTo(error(4, -32601, "no \\\"newHeads\\\" subscription in debug namespace"));
    assertThat(handle(call(5, "eth_subscribe", "[\"logs\", {\"address\": 5}]"), ws))
        .isEqualTo(error(5, -32602, "invalid argument 0: expected a hex string, got number"));
    assertThat(subscriptions.size()).isZero();
  }

  @Test
  void filtersSendOnlyWhatTheSubscriberAskedFor() {
    List<String> sent = new ArrayList<>();
    NullSink sink =
        new NullSink() {
          @Override
          public void send(String message) {
            sent.add(message);
          }
        };
    ConnectionSubscriptions subscriptions = new ConnectionSubscriptions(sink);
    Transport ws = new Transport.WebSocket(subscriptions);
    @SuppressWarnings("unchecked")
    Topic<List<String>> logs = (Topic<List<String>>) methods.topic("eth", "logs").orElseThrow();
    Reply reply =
        processor
            .handle(
                call(1, "eth_subscribe", "[\"logs\", {\"address\": \"0xaa\"}]")
                    .getBytes(StandardCharsets.UTF_8),
                ws)
            .join();
    reply.opened().forEach(s -> s.activate());
    logs.publish(List.of("0xaa", "0xbb", "0xaa"));
    assertThat(sent).hasSize(2).allSatisfy(m -> assertThat(m).endsWith("\"result\":\"0xaa\"}}"));
  }

  static class NullSink implements NotificationSink {
    @Override
    public void execute(Runnable task) {
      task.run();
    }

    @Override
    public void send(String message) {}

    @Override
    public void drop(String reason) {}
  }
}
