package io.merapi.rpc.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.RpcJson;

/** Checks that an answer is well-formed JSON-RPC 2.0, whatever the request was. */
final class JsonRpcShape {
  private JsonRpcShape() {}

  static JsonNode assertWellFormed(String answer) throws Exception {
    JsonNode node = RpcJson.mapper().readTree(answer);
    assertThat(node).as("answer %s", answer).isNotNull();
    if (node.isArray()) {
      assertThat(node.size()).as("batch answers are never empty: %s", answer).isPositive();
      for (JsonNode element : node) {
        assertResponse(element, answer);
      }
    } else {
      assertResponse(node, answer);
    }
    return node;
  }

  private static void assertResponse(JsonNode response, String answer) {
    assertThat(response.isObject()).as("response object in %s", answer).isTrue();
    assertThat(response.path("jsonrpc").asText()).as("version in %s", answer).isEqualTo("2.0");
    JsonNode id = response.get("id");
    assertThat(id).as("id in %s", answer).isNotNull();
    assertThat(id.isContainerNode()).as("scalar id in %s", answer).isFalse();
    boolean hasResult = response.has("result");
    boolean hasError = response.has("error");
    assertThat(hasResult ^ hasError).as("exactly one of result/error in %s", answer).isTrue();
    if (hasError) {
      JsonNode error = response.get("error");
      assertThat(error.path("code").isIntegralNumber()).as("error code in %s", answer).isTrue();
      assertThat(error.path("message").isTextual()).as("error message in %s", answer).isTrue();
    }
    assertThat(response.size()).as("no stray fields in %s", answer).isEqualTo(3);
  }
}
