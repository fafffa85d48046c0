package io.merapi.execution.node;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.ChainHead;
import io.merapi.rpc.client.ClientSubscription;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.WsRpcClient;
import io.merapi.trie.proof.AccountProof;
import io.merapi.trie.proof.StateProofs;
import io.merapi.trie.proof.StorageProof;
import io.merapi.types.transaction.Transaction;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The node's JSON-RPC over HTTP and WebSocket on a small chain with logs and reverts. */
class NodeRpcTest {
  private static NodeFixture f;
  private static ChainHead block1;
  private static Transaction emit7;

  @BeforeAll
  static void start() {
    f = new NodeFixture();
    emit7 = f.emit(f.alice, 0, 7);
    block1 = f.block(emit7, f.emit(f.bob, 0, 8));
    f.block(f.emit(f.alice, 0, 9));
  }

  @AfterAll
  static void stop() {
    f.close();
  }

  private static String word(long value) {
    return UInt256.valueOf(value).toHash().toHex();
  }

  @Test
  void chainIdentityAndHead() throws Exception {
    assertThat(f.result("eth_blockNumber", "[]").asText()).isEqualTo("0x2");
    assertThat(f.result("eth_chainId", "[]").asText()).isEqualTo("0x1");
    assertThat(f.result("net_version", "[]").asText()).isEqualTo("1");
    assertThat(f.result("web3_clientVersion", "[]").asText()).startsWith("Merapi/v");
    assertThat(f.result("web3_sha3", "[\"0x\"]").asText())
        .isEqualTo("0xc5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
  }

  @Test
  void blocksTransactionsAndReceipts() throws Exception {
    JsonNode block = f.result("eth_getBlockByNumber", "[\"0x1\", false]");
    assertThat(block.get("hash").asText()).isEqualTo(block1.hash().toHex());
    assertThat(block.get("transactions").get(0).asText()).isEqualTo(emit7.hash().toHex());
    JsonNode receipt = f.result("eth_getTransactionReceipt", "[\"" + emit7.hash().toHex() + "\"]");
    assertThat(receipt.get("status").asText()).isEqualTo("0x1");
    assertThat(receipt.get("logs").get(0).get("topics").get(1).asText()).isEqualTo(word(7));
    assertThat(receipt.get("from").asText()).isEqualTo(f.alice.address().toHex());
    assertThat(f.result("eth_getBlockReceipts", "[\"0x1\"]").size()).isEqualTo(2);
    assertThat(f.result("eth_getBlockByNumber", "[\"0x9\", false]").isNull()).isTrue();
  }

  @Test
  void storageAndProofs() throws Exception {
    String slot =
        f.result("eth_getStorageAt", "[\"" + NodeFixture.EMITTER + "\",\"0x0\",\"latest\"]")
            .asText();
    assertThat(slot).isEqualTo(word(9));
    String old =
        f.result("eth_getStorageAt", "[\"" + NodeFixture.EMITTER + "\",\"0x0\",\"0x1\"]").asText();
    assertThat(old).isEqualTo(word(8));
    JsonNode proof =
        f.result("eth_getProof", "[\"" + NodeFixture.EMITTER + "\",[\"0x0\"],\"latest\"]");
    List<Bytes> accountProof = new ArrayList<>();
    proof.get("accountProof").forEach(n -> accountProof.add(Bytes.fromHex(n.asText())));
    JsonNode slotProof = proof.get("storageProof").get(0);
    List<Bytes> storageProof = new ArrayList<>();
    slotProof.get("proof").forEach(n -> storageProof.add(Bytes.fromHex(n.asText())));
    StateProofs.verify(
        f.chain().head().header().stateRoot(),
        new AccountProof(
            NodeFixture.EMITTER,
            accountProof,
            UInt256.fromQuantity(proof.get("balance").asText()),
            Hash.fromHex(proof.get("codeHash").asText()),
            Long.decode(proof.get("nonce").asText()),
            Hash.fromHex(proof.get("storageHash").asText()),
            List.of(new StorageProof(Hash.ZERO, UInt256.valueOf(9), storageProof))));
  }

  @Test
  void callRevertsWithGethsReason() throws Exception {
    JsonNode response =
        f.call("eth_call", "[{\"to\":\"" + NodeFixture.REVERTER + "\"},\"latest\"]");
    assertThat(response.get("error").get("code").asInt()).isEqualTo(3);
    assertThat(response.get("error").get("message").asText())
        .isEqualTo("execution reverted: user error");
    assertThat(response.get("error").get("data").asText()).startsWith("0x08c379a0");
    JsonNode estimate = f.call("eth_estimateGas", "[{\"to\":\"" + NodeFixture.REVERTER + "\"}]");
    assertThat(estimate.get("error").get("code").asInt()).isEqualTo(3);
  }

  @Test
  void aRevertWithoutDataIsCode3AndOtherHaltsAreNot() throws Exception {
    // PUSH1 0 PUSH1 0 REVERT: what a contract without the called function (and no fallback) does;
    // viem reads only code 3 as "the contract reverted".
    String override = "{\"0x00000000000000000000000000000000000000aa\":{\"code\":\"%s\"}}";
    String call =
        "[{\"to\":\"0x00000000000000000000000000000000000000aa\"},\"latest\"," + override + "]";
    JsonNode reverted = f.call("eth_call", call.formatted("0x60006000fd"));
    assertThat(reverted.at("/error/code").asInt()).isEqualTo(3);
    assertThat(reverted.at("/error/message").asText()).isEqualTo("execution reverted");
    assertThat(reverted.at("/error/data").asText()).isEqualTo("0x");
    JsonNode estimate =
        f.call(
            "eth_estimateGas",
            "[{\"to\":\"0x00000000000000000000000000000000000000aa\"},\"latest\","
                + override.formatted("0x60006000fd")
                + "]");
    assertThat(estimate.at("/error/code").asInt()).isEqualTo(3);
    assertThat(estimate.at("/error/data").asText()).isEqualTo("0x");
    JsonNode invalid = f.call("eth_call", call.formatted("0xfe"));
    assertThat(invalid.at("/error/code").asInt()).isEqualTo(-32000);
    assertThat(invalid.at("/error/message").asText()).startsWith("invalid opcode");
  }

  @Test
  void createAccessListWithoutGasRunsWithTheGasCapLikeGeth() throws Exception {
    // The gate's gas estimate is too tight for a run that pays for the list up front; geth runs
    // createAccessList with the gas cap instead, and so must we (viem omits gas there).
    JsonNode result =
        f.result(
            "eth_createAccessList",
            "[{\"from\":\"" + f.alice.address() + "\",\"to\":\"" + NodeFixture.GAS_GATE + "\"}]");
    assertThat(result.has("error")).as(result.toString()).isFalse();
    assertThat(result.at("/accessList/0/address").asText())
        .isEqualToIgnoringCase(NodeFixture.GAS_GATE.toHex());
    assertThat(result.at("/accessList/0/storageKeys/0").asText()).isEqualTo(word(0));
    // 21000 + the list (2400 + 1900) + a warm SLOAD and the gate's few cheap opcodes.
    assertThat(Long.decode(result.get("gasUsed").asText())).isBetween(25_300L, 25_500L);
  }

  @Test
  void estimateGasCoversTheCall() throws Exception {
    String data = word(5);
    long estimate =
        Long.decode(
            f.result(
                    "eth_estimateGas",
                    "[{\"from\":\""
                        + f.alice.address()
                        + "\",\"to\":\""
                        + NodeFixture.EMITTER
                        + "\",\"input\":\""
                        + data
                        + "\"}]")
                .asText());
    // 21000, calldata, SSTORE of a non-zero slot (5000 cold) and LOG2.
    assertThat(estimate).isBetween(27_000L, 28_500L);
    JsonNode atEstimate =
        f.call(
            "eth_call",
            "[{\"from\":\""
                + f.alice.address()
                + "\",\"to\":\""
                + NodeFixture.EMITTER
                + "\",\"input\":\""
                + data
                + "\",\"gas\":\""
                + "0x"
                + Long.toHexString(estimate)
                + "\"}]");
    assertThat(atEstimate.has("result")).isTrue();
    JsonNode below =
        f.call(
            "eth_call",
            "[{\"from\":\""
                + f.alice.address()
                + "\",\"to\":\""
                + NodeFixture.EMITTER
                + "\",\"input\":\""
                + data
                + "\",\"gas\":\"0x5600\"}]");
    assertThat(below.get("error").get("message").asText()).isEqualTo("out of gas");
    String transfer =
        f.result(
                "eth_estimateGas",
                "[{\"to\":\""
                    + f.bob.address()
                    + "\",\"value\":\"0x1\",\"from\":\""
                    + f.alice.address()
                    + "\"}]")
            .asText();
    assertThat(transfer).isEqualTo("0x5208");
  }

  @Test
  void callSeesStateAndBlockOverrides() throws Exception {
    // PUSH1 42 PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN; then NUMBER returned the same way.
    String code = "0x602a60005260206000f3";
    String out =
        f.result(
                "eth_call",
                "[{\"to\":\"0x00000000000000000000000000000000000000aa\"},\"latest\","
                    + "{\"0x00000000000000000000000000000000000000aa\":{\"code\":\""
                    + code
                    + "\"}}]")
            .asText();
    assertThat(out).isEqualTo(word(42));
    String number =
        f.result(
                "eth_call",
                "[{\"to\":\"0x00000000000000000000000000000000000000aa\"},\"latest\","
                    + "{\"0x00000000000000000000000000000000000000aa\":{\"code\":\"0x4360005260206000f3\"}},"
                    + "{\"number\":\"0x99\"}]")
            .asText();
    assertThat(number).isEqualTo(word(0x99));
    String slot =
        f.result(
                "eth_call",
                "[{\"to\":\"0x00000000000000000000000000000000000000aa\"},\"latest\","
                    + "{\"0x00000000000000000000000000000000000000aa\":{\"code\":\"0x60005460005260206000f3\","
                    + "\"stateDiff\":{\""
                    + word(0)
                    + "\":\""
                    + word(77)
                    + "\"}}}]")
            .asText();
    assertThat(slot).isEqualTo(word(77));
  }

  @Test
  void logsByAddressTopicsAndHash() throws Exception {
    JsonNode all =
        f.result(
            "eth_getLogs", "[{\"fromBlock\":\"0x0\",\"address\":\"" + NodeFixture.EMITTER + "\"}]");
    assertThat(all.size()).isEqualTo(3);
    JsonNode orList =
        f.result(
            "eth_getLogs",
            "[{\"fromBlock\":\"earliest\",\"topics\":[null,[\""
                + word(7)
                + "\",\""
                + word(9)
                + "\"]]}]");
    assertThat(orList.size()).isEqualTo(2);
    assertThat(orList.get(1).get("logIndex").asText()).isEqualTo("0x0");
    JsonNode none =
        f.result("eth_getLogs", "[{\"fromBlock\":\"0x0\",\"topics\":[\"" + word(1) + "\"]}]");
    assertThat(none.size()).isZero();
    JsonNode byHash = f.result("eth_getLogs", "[{\"blockHash\":\"" + block1.hash() + "\"}]");
    assertThat(byHash.size()).isEqualTo(2);
    assertThat(byHash.get(1).get("logIndex").asText()).isEqualTo("0x1");
    JsonNode badRange = f.call("eth_getLogs", "[{\"fromBlock\":\"0x2\",\"toBlock\":\"0x1\"}]");
    assertThat(badRange.get("error").get("message").asText())
        .isEqualTo("invalid block range params");
    JsonNode tooManyTopics = f.call("eth_getLogs", "[{\"topics\":[null,null,null,null,null]}]");
    assertThat(tooManyTopics.get("error").get("code").asInt()).isEqualTo(-32602);
  }

  @Test
  void tracesWithStructLoggerAndCallTracer() throws Exception {
    JsonNode structLog = f.result("debug_traceTransaction", "[\"" + emit7.hash() + "\"]");
    assertThat(structLog.get("failed").asBoolean()).isFalse();
    List<String> ops = new ArrayList<>();
    structLog.get("structLogs").forEach(e -> ops.add(e.get("op").asText()));
    assertThat(ops).contains("CALLDATALOAD", "SSTORE", "LOG2", "STOP");
    JsonNode sstore = structLog.get("structLogs").get(ops.indexOf("SSTORE"));
    assertThat(sstore.get("storage").fieldNames().next()).hasSize(64);
    long receiptGas =
        Long.decode(
            f.result("eth_getTransactionReceipt", "[\"" + emit7.hash() + "\"]")
                .get("gasUsed")
                .asText());
    assertThat(structLog.get("gas").asLong()).isEqualTo(receiptGas);

    JsonNode calls =
        f.result(
            "debug_traceTransaction", "[\"" + emit7.hash() + "\",{\"tracer\":\"callTracer\"}]");
    assertThat(calls.get("type").asText()).isEqualTo("CALL");
    assertThat(calls.get("to").asText()).isEqualTo(NodeFixture.EMITTER.toHex());
    assertThat(Long.decode(calls.get("gasUsed").asText())).isEqualTo(receiptGas);

    JsonNode reverted =
        f.result(
            "debug_traceCall",
            "[{\"to\":\"" + NodeFixture.REVERTER + "\"},\"latest\",{\"tracer\":\"callTracer\"}]");
    assertThat(reverted.get("error").asText()).isEqualTo("execution reverted");
    assertThat(reverted.get("revertReason").asText()).isEqualTo("user error");
    JsonNode unknown =
        f.call(
            "debug_traceCall",
            "[{\"to\":\"" + NodeFixture.REVERTER + "\"},\"latest\",{\"tracer\":\"4byteTracer\"}]");
    assertThat(unknown.get("error").get("message").asText()).contains("4byteTracer");
  }

  @Test
  void badInputGetsJsonRpcErrors() throws Exception {
    assertThat(f.post("{\"jsonrpc\":").get("error").get("code").asInt()).isEqualTo(-32700);
    assertThat(f.call("eth_noSuchMethod", "[]").get("error").get("code").asInt()).isEqualTo(-32601);
    assertThat(f.call("eth_getBalance", "[\"xyz\"]").get("error").get("code").asInt())
        .isEqualTo(-32602);
    assertThat(f.call("eth_getBalance", "[]").get("error").get("code").asInt()).isEqualTo(-32602);
    assertThat(f.call("debug_getRawBlock", "[\"2\"]").get("error").get("message").asText())
        .isEqualTo("invalid argument 0: hex string without 0x prefix");
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < 1001; i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append("{\"jsonrpc\":\"2.0\",\"id\":")
          .append(i)
          .append(",\"method\":\"eth_blockNumber\"}");
    }
    JsonNode tooLarge = f.post(batch.append("]").toString());
    assertThat(tooLarge.get(0).get("error").get("message").asText()).isEqualTo("batch too large");
    assertThat(f.call("eth_sendRawTransaction", "[\"0x01\"]").get("error").get("code").asInt())
        .isEqualTo(-32000);
  }

  @Test
  void filtersAndSubscriptionsFollowNewBlocks() throws Exception {
    String logFilter =
        f.result("eth_newFilter", "[{\"address\":\"" + NodeFixture.EMITTER + "\"}]").asText();
    String blockFilter = f.result("eth_newBlockFilter", "[]").asText();
    URI ws = URI.create(f.uri.toString().replace("http://", "ws://"));
    List<JsonNode> heads = new CopyOnWriteArrayList<>();
    List<JsonNode> logs = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> gotLog = new CompletableFuture<>();
    try (WsRpcClient client =
        WsRpcClient.connect(ws, RpcClientOptions.defaults()).get(10, TimeUnit.SECONDS)) {
      ClientSubscription headSub =
          client.subscribe("eth", "newHeads", heads::add).get(10, TimeUnit.SECONDS);
      client
          .subscribe(
              "eth",
              "logs",
              log -> {
                logs.add(log);
                gotLog.complete(null);
              },
              java.util.Map.of("topics", List.of(NodeFixture.TOPIC0.toHex())))
          .get(10, TimeUnit.SECONDS);
      ChainHead added = f.block(f.emit(f.bob, 0, 11));
      gotLog.get(30, TimeUnit.SECONDS);
      assertThat(logs.get(0).get("topics").get(1).asText()).isEqualTo(word(11));
      assertThat(heads).anyMatch(h -> h.get("hash").asText().equals(added.hash().toHex()));
      assertThat(headSub.unsubscribe().get(10, TimeUnit.SECONDS)).isTrue();

      JsonNode blockChanges = pollUntilNotEmpty(blockFilter);
      assertThat(blockChanges.get(0).asText()).isEqualTo(added.hash().toHex());
      JsonNode logChanges = pollUntilNotEmpty(logFilter);
      assertThat(logChanges.get(0).get("blockHash").asText()).isEqualTo(added.hash().toHex());
      // The filter's range defaults to the latest block, as in geth.
      assertThat(f.result("eth_getFilterLogs", "[\"" + logFilter + "\"]").size()).isEqualTo(1);
    }
    assertThat(f.result("eth_uninstallFilter", "[\"" + logFilter + "\"]").asBoolean()).isTrue();
    assertThat(
            f.call("eth_getFilterChanges", "[\"" + logFilter + "\"]")
                .get("error")
                .get("message")
                .asText())
        .isEqualTo("filter not found");
  }

  /** The events are published on their own thread: poll a few times before giving up. */
  private static JsonNode pollUntilNotEmpty(String id) throws Exception {
    JsonNode changes = f.result("eth_getFilterChanges", "[\"" + id + "\"]");
    for (int i = 0; i < 200 && changes.isEmpty(); i++) {
      Thread.sleep(25);
      changes = f.result("eth_getFilterChanges", "[\"" + id + "\"]");
    }
    return changes;
  }
}
