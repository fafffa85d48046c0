package io.merapi.rpc.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestParserTest {
  /** What one body must classify as; {@code expected} is a summary string of the message. */
  record Case(String body, String expected) {
    @Override
    public String toString() {
      return body.length() > 60 ? body.substring(0, 60) + "..." : body;
    }
  }

  static Case[] singles() {
    return new Case[] {
      new Case(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_x\",\"params\":[]}", "call 1 eth_x []"),
      new Case(
          "{\"jsonrpc\":\"2.0\",\"id\":\"a\\\"b\",\"method\":\"eth_x\"}",
          "call \"a\\\"b\" eth_x -"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"eth_x\"}", "call null eth_x -"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":1.50,\"method\":\"eth_x\"}", "call 1.50 eth_x -"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":-0,\"method\":\"eth_x\"}", "call -0 eth_x -"),
      new Case(
          "{\"jsonrpc\":\"2.0\",\"id\":123456789012345678901234567890,\"method\":\"eth_x\"}",
          "call 123456789012345678901234567890 eth_x -"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"eth_x\"}", "call true eth_x -"),
      new Case(
          "{\"method\":\"eth_x\",\"params\":[1],\"jsonrpc\":\"2.0\"}", "notification eth_x [1]"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"eth_x\"}", "invalid null"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":[1],\"method\":\"eth_x\"}", "invalid null"),
      new Case("{\"jsonrpc\":\"1.0\",\"id\":7,\"method\":\"eth_x\"}", "invalid 7"),
      new Case("{\"jsonrpc\":2.0,\"id\":7,\"method\":\"eth_x\"}", "invalid 7"),
      new Case("{\"id\":7,\"method\":\"eth_x\"}", "invalid 7"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"\"}", "invalid 7"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":5}", "invalid 7"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":7}", "invalid 7"),
      new Case("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":\"0x1\"}", "invalid 7"),
      new Case(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_x\",\"params\":[1.50,12345678901234567890,-3,\"\\u00e9\",[],{},null,true]}",
          "call 1 eth_x [1.50,12345678901234567890,-3,\"é\",[],{},null,true]"),
      new Case("{}", "invalid null"),
      new Case("\"eth_x\"", "invalid null"),
      new Case("42", "invalid null"),
      new Case("null", "invalid null"),
      new Case(
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_x\",\"params\":{\"a\":[1,{\"b\":2}]},\"extra\":[{}]}",
          "call 1 eth_x {\"a\":[1,{\"b\":2}]}"),
    };
  }

  @ParameterizedTest
  @MethodSource("singles")
  void classifiesSingleMessages(Case c) {
    RequestBody body = RequestParser.parse(c.body().getBytes(StandardCharsets.UTF_8));
    assertThat(body).isInstanceOf(RequestBody.Single.class);
    assertThat(summary(((RequestBody.Single) body).message())).isEqualTo(c.expected());
  }

  static String[] unparseable() {
    return new String[] {
      "",
      "   ",
      "{",
      "[",
      "[{}",
      "{\"id\":}",
      "{\"jsonrpc\":\"2.0\"} x",
      "{} {}",
      "[1,]",
      "nul",
      "\u0000",
      "[" + "[".repeat(5000) + "]".repeat(5000) + "]",
    };
  }

  @ParameterizedTest
  @MethodSource("unparseable")
  void refusesWhatIsNotOneJsonValue(String text) {
    assertThat(RequestParser.parse(text.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(RequestBody.Unparseable.class);
  }

  @Test
  void batchesKeepOrderAndClassifyEachElement() {
    String text =
        "[{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"a_b\"}, 5, {\"jsonrpc\":\"2.0\",\"method\":\"c_d\"},"
            + " [], {\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"e_f\",\"params\":[true]}]";
    RequestBody body = RequestParser.parse(text.getBytes(StandardCharsets.UTF_8));
    assertThat(body).isInstanceOf(RequestBody.Batch.class);
    List<String> summaries =
        ((RequestBody.Batch) body).messages().stream().map(RequestParserTest::summary).toList();
    assertThat(summaries)
        .containsExactly(
            "call 1 a_b -",
            "invalid null",
            "notification c_d -",
            "invalid null",
            "call \"x\" e_f [true]");
  }

  @Test
  void emptyBatchIsABatch() {
    assertThat(RequestParser.parse(" [ ] ".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(new RequestBody.Batch(List.of()));
  }

  private static String summary(Message message) {
    return switch (message) {
      case Message.Call call ->
          "call " + call.id() + " " + call.method() + " " + params(call.params());
      case Message.Notification n -> "notification " + n.method() + " " + params(n.params());
      case Message.Invalid invalid -> "invalid " + invalid.id();
    };
  }

  private static String params(com.fasterxml.jackson.databind.JsonNode params) {
    return params.isMissingNode() ? "-" : params.toString();
  }
}
