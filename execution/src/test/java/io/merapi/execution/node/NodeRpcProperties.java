package io.merapi.execution.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random requests against a running node: every registered method (and some that are not) with
 * random arguments of every JSON kind, plausible hex among them, singly and in batches. Each gets a
 * well-formed JSON-RPC answer (a result or an error with a code), and the node keeps answering.
 */
class NodeRpcProperties {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final List<String> METHODS =
      List.of(
          "eth_chainId",
          "eth_blockNumber",
          "eth_syncing",
          "eth_gasPrice",
          "eth_maxPriorityFeePerGas",
          "eth_feeHistory",
          "eth_blobBaseFee",
          "eth_getBalance",
          "eth_getCode",
          "eth_getStorageAt",
          "eth_getTransactionCount",
          "eth_getProof",
          "eth_call",
          "eth_estimateGas",
          "eth_createAccessList",
          "eth_sendRawTransaction",
          "eth_getBlockByNumber",
          "eth_getBlockByHash",
          "eth_getBlockReceipts",
          "eth_getBlockTransactionCountByNumber",
          "eth_getBlockTransactionCountByHash",
          "eth_getTransactionByHash",
          "eth_getTransactionByBlockNumberAndIndex",
          "eth_getTransactionByBlockHashAndIndex",
          "eth_getTransactionReceipt",
          "eth_getLogs",
          "eth_newFilter",
          "eth_newBlockFilter",
          "eth_newPendingTransactionFilter",
          "eth_getFilterChanges",
          "eth_getFilterLogs",
          "eth_uninstallFilter",
          "eth_subscribe",
          "debug_getRawBlock",
          "debug_getRawHeader",
          "debug_getRawReceipts",
          "debug_getRawTransaction",
          "debug_traceTransaction",
          "debug_traceCall",
          "debug_traceBlockByNumber",
          "web3_sha3",
          "net_version",
          "eth_nothing",
          "rpc_modules",
          "x");

  private static NodeFixture f;

  @BeforeContainer
  static void start() {
    f = new NodeFixture();
    f.block(f.emit(f.alice, 0, 1));
  }

  @AfterContainer
  static void stop() {
    f.close();
  }

  @Property(tries = 400)
  void randomRequestsGetWellFormedAnswers(
      @ForAll("methods") String method, @ForAll("params") JsonNode params) throws Exception {
    ObjectNode request =
        NODES.objectNode().put("jsonrpc", "2.0").put("id", 7).put("method", method);
    request.set("params", params);
    JsonNode response = f.post(request.toString());
    assertWellFormed(response);
    assertThat(response.get("id").asInt()).isEqualTo(7);
  }

  @Property(tries = 60)
  void randomBatchesGetOneAnswerPerCall(
      @ForAll("methods") String a, @ForAll("params") JsonNode pa, @ForAll("params") JsonNode pb)
      throws Exception {
    ArrayNode batch = NODES.arrayNode();
    batch.add(
        NODES.objectNode().put("jsonrpc", "2.0").put("id", 1).put("method", a).set("params", pa));
    batch.add(
        NODES.objectNode().put("jsonrpc", "2.0").put("id", 2).put("method", "eth_blockNumber"));
    batch.add(
        NODES.objectNode().put("jsonrpc", "2.0").put("id", 3).put("method", a).set("params", pb));
    JsonNode response = f.post(batch.toString());
    assertThat(response.isArray()).isTrue();
    assertThat(response.size()).isEqualTo(3);
    response.forEach(NodeRpcProperties::assertWellFormed);
    assertThat(f.result("eth_blockNumber", "[]").asText()).isEqualTo("0x1");
  }

  private static void assertWellFormed(JsonNode response) {
    assertThat(response.get("jsonrpc").asText()).isEqualTo("2.0");
    boolean result = response.has("result");
    boolean error = response.has("error");
    assertThat(result ^ error).as(response.toString()).isTrue();
    if (error) {
      assertThat(response.get("error").get("code").isInt()).isTrue();
      assertThat(response.get("error").get("message").isTextual()).isTrue();
      // Internal errors would mean a handler failed on input it should have refused.
      assertThat(response.get("error").get("code").asInt())
          .as(response.toString())
          .isNotEqualTo(-32603);
    }
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of(METHODS);
  }

  @Provide
  Arbitrary<JsonNode> params() {
    return value(2)
        .list()
        .ofMaxSize(4)
        .map(
            values -> {
              ArrayNode array = NODES.arrayNode();
              values.forEach(array::add);
              return array;
            });
  }

  private Arbitrary<JsonNode> value(int depth) {
    Arbitrary<JsonNode> hex =
        Arbitraries.strings()
            .withChars("0123456789abcdefx")
            .ofMaxLength(70)
            .map(s -> NODES.textNode("0x" + s));
    Arbitrary<JsonNode> tags =
        Arbitraries.of(
                "latest",
                "earliest",
                "pending",
                "safe",
                "finalized",
                "0x0",
                "0x1",
                "0x5",
                "newHeads",
                "logs")
            .map(NODES::textNode);
    Arbitrary<JsonNode> address =
        Arbitraries.of(
                NodeFixture.EMITTER.toHex(),
                NodeFixture.REVERTER.toHex(),
                "0x0000000000000000000000000000000000000000")
            .map(NODES::textNode);
    Arbitrary<JsonNode> scalars =
        Arbitraries.oneOf(
            hex,
            tags,
            address,
            Arbitraries.strings().ofMaxLength(10).map(NODES::textNode),
            Arbitraries.longs().map(NODES::numberNode),
            Arbitraries.of(true, false).map(NODES::booleanNode),
            Arbitraries.just(NODES.nullNode()));
    if (depth == 0) {
      return scalars;
    }
    Arbitrary<JsonNode> object =
        Arbitraries.of(
                "to",
                "from",
                "data",
                "input",
                "gas",
                "value",
                "address",
                "topics",
                "fromBlock",
                "toBlock",
                "blockHash",
                "tracer",
                "code",
                "stateDiff",
                "number")
            .flatMap(key -> value(depth - 1).map(v -> NODES.objectNode().set(key, v)));
    Arbitrary<JsonNode> array =
        value(depth - 1)
            .list()
            .ofMaxSize(3)
            .map(
                values -> {
                  ArrayNode a = NODES.arrayNode();
                  values.forEach(a::add);
                  return (JsonNode) a;
                });
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, scalars),
        net.jqwik.api.Tuple.of(2, object),
        net.jqwik.api.Tuple.of(1, array));
  }
}
