package io.merapi.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.TestMethods;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests thrown at a live server, over HTTP and WebSocket: every answer must be
 * well-formed JSON-RPC or a clean HTTP error, every call in a request must get its answer, and the
 * server must keep answering.
 */
class RpcServerProperties {
  private static final String GOOD = RpcProcessorTest.call(424242, "test_add", "[\"0x1\",\"0x2\"]");
  private static final String GOOD_ANSWER =
      "{\"jsonrpc\":\"2.0\",\"id\":424242,\"result\":\"0x3\"}";
  private static final int BATCH_LIMIT = 8;
  private static RpcServer server;
  private static HttpClient http;

  @BeforeContainer
  static void start() {
    server =
        RpcServer.builder(
                RpcServerConfig.httpDefaults()
                    .withPort(0)
                    .withTransports(true, true)
                    .withThreads(2, 2)
                    .withModules(Set.of("test", "eth"))
                    .withLimits(
                        RpcLimits.defaults()
                            .withBodyLimit(16 * 1024)
                            .withBatchLimits(BATCH_LIMIT, 4096)
                            .withRequestTimeout(java.time.Duration.ofMillis(100))))
            .methods(TestMethods.create())
            .start();
    http = HttpClient.newHttpClient();
  }

  @AfterContainer
  static void stop() {
    http.shutdownNow();
    server.stop();
  }

  @Property(tries = 300)
  void randomBytesGetCleanAnswers(@ForAll("bytes") byte[] body) throws Exception {
    RawHttp.Response response =
        RawHttp.exchange(server.port(), "POST", "/", body, "Content-Type: application/json");
    checkHttp(response);
    assertServerAnswers();
  }

  @Property(tries = 400)
  void randomJsonRpcGetsAnAnswerPerCall(@ForAll("requests") Request request) throws Exception {
    RawHttp.Response response =
        RawHttp.post(server.port(), request.text(), "Content-Type: application/json");
    checkHttp(response);
    if (response.status() == 200 && !request.batch() && request.callIds().size() == 1) {
      JsonNode answer = JsonRpcShape.assertWellFormed(response.body());
      assertThat(answer.get("id").toString()).isEqualTo(request.callIds().get(0));
    }
    if (response.status() == 200
        && request.batch()
        && request.size() <= BATCH_LIMIT
        && request.size() > 0) {
      // Every call answered, in order (calls past the response-size limit get -32003 answers).
      List<String> answered = new ArrayList<>();
      if (!response.body().isEmpty()) {
        for (JsonNode element : JsonRpcShape.assertWellFormed(response.body())) {
          answered.add(element.get("id").toString());
        }
      }
      if (!request.callIds().isEmpty()) {
        assertThat(answered).containsSubsequence(request.callIds());
      }
    }
    assertServerAnswers();
  }

  @Property(tries = 200)
  void randomWebSocketMessagesGetCleanAnswers(@ForAll("messages") String message) throws Exception {
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    WebSocket socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(server.webSocketUri().toString()), new Collector(received))
            .get(10, TimeUnit.SECONDS);
    try {
      socket.sendText(message, true).get(10, TimeUnit.SECONDS);
      socket.sendText(GOOD, true).get(10, TimeUnit.SECONDS);
      // Everything before the good call's answer belongs to the random message.
      while (true) {
        String answer = received.poll(10, TimeUnit.SECONDS);
        assertThat(answer).as("answer after %s", message).isNotNull();
        JsonRpcShape.assertWellFormed(answer);
        if (answer.equals(GOOD_ANSWER)) {
          break;
        }
      }
    } finally {
      socket.abort();
    }
  }

  private static void checkHttp(RawHttp.Response response) throws Exception {
    if (response.status() == 200) {
      if (!response.body().isEmpty()) {
        JsonRpcShape.assertWellFormed(response.body());
      }
    } else {
      assertThat(response.status()).isIn(400, 413, 415);
      assertThat(response.body()).doesNotContain("Exception");
    }
  }

  private static void assertServerAnswers() throws Exception {
    assertThat(RawHttp.post(server.port(), GOOD, "Content-Type: application/json").body())
        .isEqualTo(GOOD_ANSWER);
  }

  private static final class Collector implements WebSocket.Listener {
    private final BlockingQueue<String> received;
    private final StringBuilder partial = new StringBuilder();

    Collector(BlockingQueue<String> received) {
      this.received = received;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      webSocket.request(1);
      return null;
    }
  }

  // ---- generators ----

  /** A request body and the ids (as JSON text) of the calls in it that must be answered. */
  record Request(String text, boolean batch, int size, List<String> callIds) {}

  record Msg(String text, boolean isCall, String id) {}

  @Provide
  Arbitrary<byte[]> bytes() {
    Arbitrary<byte[]> raw = Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    Arbitrary<byte[]> mutated =
        requests()
            .map(r -> r.text().getBytes(StandardCharsets.UTF_8))
            .flatMap(RpcServerProperties::mutate);
    return Arbitraries.oneOf(raw, mutated);
  }

  private static Arbitrary<byte[]> mutate(byte[] text) {
    if (text.length == 0) {
      return Arbitraries.just(text);
    }
    return Combinators.combine(
            Arbitraries.integers().between(0, text.length - 1),
            Arbitraries.bytes(),
            Arbitraries.integers().between(0, 2))
        .as(
            (at, value, how) -> {
              byte[] copy;
              switch (how) {
                case 0 -> {
                  copy = text.clone();
                  copy[at] = value;
                }
                case 1 -> copy = java.util.Arrays.copyOf(text, at);
                default -> {
                  copy = new byte[text.length + 1];
                  System.arraycopy(text, 0, copy, 0, at);
                  copy[at] = value;
                  System.arraycopy(text, at, copy, at + 1, text.length - at);
                }
              }
              return copy;
            });
  }

  @Provide
  Arbitrary<String> messages() {
    return Arbitraries.oneOf(
        requests().map(Request::text),
        Arbitraries.strings().ofMaxLength(200),
        requests()
            .map(Request::text)
            .flatMap(t -> mutate(t.getBytes(StandardCharsets.UTF_8)))
            .map(b -> new String(b, StandardCharsets.UTF_8)));
  }

  @Provide
  Arbitrary<Request> requests() {
    Arbitrary<Request> single =
        message()
            .map(m -> new Request(m.text(), false, 1, m.isCall() ? List.of(m.id()) : List.of()));
    Arbitrary<Request> batch =
        message()
            .list()
            .ofMaxSize(BATCH_LIMIT + 2)
            .map(
                list ->
                    new Request(
                        "[" + String.join(",", list.stream().map(Msg::text).toList()) + "]",
                        true,
                        list.size(),
                        list.stream().filter(Msg::isCall).map(Msg::id).toList()));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, single), net.jqwik.api.Tuple.of(2, batch));
  }

  private Arbitrary<Msg> message() {
    Arbitrary<String> version =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(9, Arbitraries.just("\"2.0\"")),
            net.jqwik.api.Tuple.of(1, jsonValue()));
    Arbitrary<String> method =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                8,
                Arbitraries.of(
                        "test_add",
                        "test_echo",
                        "test_blocking",
                        "test_fail",
                        "test_crash",
                        "test_revert",
                        "test_big",
                        "test_never",
                        "test_async",
                        "test_unencodable",
                        "eth_subscribe",
                        "eth_unsubscribe",
                        "rpc_modules",
                        "debug_secret",
                        "nope_nope",
                        "",
                        "_",
                        "eth_")
                    .map(RpcServerProperties::quote)),
            net.jqwik.api.Tuple.of(1, jsonValue()));
    Arbitrary<String> id =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(5, Arbitraries.longs().map(String::valueOf)),
            net.jqwik.api.Tuple.of(
                2, Arbitraries.strings().ofMaxLength(10).map(RpcServerProperties::quote)),
            net.jqwik.api.Tuple.of(1, Arbitraries.just("null")),
            net.jqwik.api.Tuple.of(1, jsonValue()));
    Arbitrary<String> params =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(
                4, paramValue().list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]")),
            net.jqwik.api.Tuple.of(1, jsonValue()));
    return Combinators.combine(
            version.optional(),
            id.optional(),
            method.optional(),
            params.optional(),
            Arbitraries.randoms())
        .as(
            (v, i, m, p, random) -> {
              List<String> fields = new ArrayList<>();
              v.ifPresent(x -> fields.add("\"jsonrpc\":" + x));
              i.ifPresent(x -> fields.add("\"id\":" + x));
              m.ifPresent(x -> fields.add("\"method\":" + x));
              p.ifPresent(x -> fields.add("\"params\":" + x));
              java.util.Collections.shuffle(fields, random);
              boolean call =
                  v.map("\"2.0\""::equals).orElse(false)
                      && i.isPresent()
                      && !i.get().startsWith("[")
                      && !i.get().startsWith("{")
                      && m.map(x -> x.startsWith("\"") && x.length() > 2).orElse(false);
              return new Msg(
                  "{" + String.join(",", fields) + "}",
                  call,
                  i.map(RpcServerProperties::canonical).orElse(""));
            });
  }

  private static String canonical(String idJson) {
    try {
      return io.merapi.rpc.RpcJson.mapper().readTree(idJson).toString();
    } catch (Exception e) {
      return idJson;
    }
  }

  private Arbitrary<String> paramValue() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "\"0x0\"",
            "\"0x1\"",
            "\"0x01\"",
            "\"0x\"",
            "\"0xzz\"",
            "\"newHeads\"",
            "\"logs\"",
            "\"0xffffffffffffffffff\""),
        Arbitraries.longs().between(0, 1 << 20).map(n -> quote("0x" + Long.toHexString(n))),
        jsonValue());
  }

  private Arbitrary<String> jsonValue() {
    Arbitrary<String> scalar =
        Arbitraries.oneOf(
            Arbitraries.of(
                "null",
                "true",
                "false",
                "0",
                "-0",
                "1e400",
                "-1.5e-7",
                "123456789012345678901234567890"),
            Arbitraries.integers().map(String::valueOf),
            Arbitraries.strings().ofMaxLength(12).map(RpcServerProperties::quote));
    return Arbitraries.recursive(
        () -> scalar,
        inner ->
            Arbitraries.oneOf(
                inner.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"),
                Combinators.combine(Arbitraries.strings().alpha().ofMaxLength(6), inner)
                    .as((k, v) -> quote(k) + ":" + v)
                    .list()
                    .ofMaxSize(3)
                    .map(l -> "{" + String.join(",", l) + "}")),
        0,
        3);
  }

  private static String quote(String text) {
    return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
  }
}
