package io.merapi.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.node.safedb.SafeDb;
import io.merapi.rpc.server.RpcServer;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.rollup.OutputRoot;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rollup RPC on real servers (loopback, port 0), read back as raw JSON. */
class RollupRpcTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private static final String VERSION = "v0.1.0-test";

  @TempDir static Path dir;

  private static RollupConfig config;
  private static TestNodeControl node;
  private static TestL2Client l2;
  private static SafeDb safeDb;
  private static RpcServer plain;
  private static RpcServer admin;
  private static RpcServer noSafeDb;

  static Hash filled(int b) {
    byte[] bytes = new byte[32];
    java.util.Arrays.fill(bytes, (byte) b);
    return Hash.wrap(bytes);
  }

  static L1BlockRef l1(int tag, long number) {
    return new L1BlockRef(filled(tag), number, filled(tag + 1), 1_700_000_000L + 12 * number);
  }

  static L2BlockRef l2Ref(int tag, long number, long sequenceNumber) {
    return new L2BlockRef(
        filled(tag),
        number,
        filled(tag + 1),
        1_700_000_100L + 2 * number,
        new BlockId(filled(0x70), 4_000_000),
        sequenceNumber);
  }

  static final SyncStatus STATUS =
      new SyncStatus(
          l1(0x10, 4_000_010),
          l1(0x20, 4_000_001),
          l1(0x30, 4_000_020),
          l1(0x40, 4_000_015),
          l1(0x50, 4_000_001),
          l2Ref(0xa0, 1_000, 3),
          l2Ref(0xb0, 990, 1),
          l2Ref(0xc0, 900, 0),
          l2Ref(0xd0, 995, 2));

  static final OutputRoot OUTPUT = new OutputRoot(filled(0xe1), filled(0xe2), filled(0xb0));

  @BeforeAll
  static void start() throws Exception {
    try (InputStream in = RollupRpcTest.class.getResourceAsStream("rollup.json")) {
      config = RollupConfig.fromJson(JSON.readTree(in));
    }
    node = new TestNodeControl(STATUS);
    l2 = new TestL2Client();
    l2.add(STATUS.safeL2(), OUTPUT);
    safeDb = SafeDb.open(dir.resolve("safedb"));
    safeDb.safeHeadUpdated(l2Ref(0x60, 500, 0), new BlockId(filled(0x61), 3_999_000));
    plain =
        new RollupRpc(config, VERSION, node, l2, safeDb, false)
            .start(RollupRpc.serverConfig("127.0.0.1", 0), Optional.empty());
    admin =
        new RollupRpc(config, VERSION, node, l2, safeDb, true)
            .start(RollupRpc.serverConfig("127.0.0.1", 0), Optional.empty());
    noSafeDb =
        new RollupRpc(config, VERSION, node, l2, SafeDb.disabled(), false)
            .start(RollupRpc.serverConfig("127.0.0.1", 0), Optional.empty());
  }

  @AfterAll
  static void stop() {
    for (RpcServer server : new RpcServer[] {plain, admin, noSafeDb}) {
      if (server != null) {
        server.stop();
      }
    }
    if (safeDb != null) {
      safeDb.close();
    }
  }

  static JsonNode call(RpcServer server, String method, String params) throws Exception {
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"" + method + "\",\"params\":" + params + "}";
    HttpRequest request =
        HttpRequest.newBuilder(server.httpUri())
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  static JsonNode result(RpcServer server, String method, String params) throws Exception {
    JsonNode response = call(server, method, params);
    assertThat(response.has("error")).as("error in %s", response).isFalse();
    return response.get("result");
  }

  static JsonNode error(RpcServer server, String method, String params) throws Exception {
    JsonNode response = call(server, method, params);
    assertThat(response.has("result")).as("result in %s", response).isFalse();
    return response.get("error");
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(names::add);
    return names;
  }

  static String hex(int b) {
    return filled(b).toHex();
  }

  // ---- optimism namespace ----

  @Test
  void syncStatusHasOpNodesFieldsAndNumbersAsJsonNumbers() throws Exception {
    JsonNode status = result(plain, "optimism_syncStatus", "[]");

    assertThat(fieldNames(status))
        .containsExactlyInAnyOrder(
            "current_l1",
            "current_l1_finalized",
            "head_l1",
            "safe_l1",
            "finalized_l1",
            "unsafe_l2",
            "safe_l2",
            "finalized_l2",
            "pending_safe_l2",
            "cross_unsafe_l2",
            "local_safe_l2");
    assertThat(status.get("current_l1"))
        .isEqualTo(
            JSON.readTree(
                "{\"hash\":\""
                    + hex(0x10)
                    + "\",\"number\":4000010,\"parentHash\":\""
                    + hex(0x11)
                    + "\",\"timestamp\":"
                    + (1_700_000_000L + 12 * 4_000_010)
                    + "}"));
    assertThat(status.get("unsafe_l2"))
        .isEqualTo(
            JSON.readTree(
                "{\"hash\":\""
                    + hex(0xa0)
                    + "\",\"number\":1000,\"parentHash\":\""
                    + hex(0xa1)
                    + "\",\"timestamp\":1700002100,\"l1origin\":{\"hash\":\""
                    + hex(0x70)
                    + "\",\"number\":4000000},\"sequenceNumber\":3}"));
    assertThat(status.get("unsafe_l2").get("number").isIntegralNumber()).isTrue();
    // Without interop op-node reports cross-unsafe = unsafe and local-safe = safe.
    assertThat(status.get("cross_unsafe_l2")).isEqualTo(status.get("unsafe_l2"));
    assertThat(status.get("local_safe_l2")).isEqualTo(status.get("safe_l2"));
    assertThat(status.get("head_l1").get("hash").asText()).isEqualTo(hex(0x30));
    assertThat(status.get("safe_l1").get("number").asLong()).isEqualTo(4_000_015);
    assertThat(status.get("finalized_l2").get("number").asLong()).isEqualTo(900);
    assertThat(status.get("pending_safe_l2").get("sequenceNumber").asLong()).isEqualTo(2);
  }

  @Test
  void outputAtBlockAnswersOpNodesOutputResponse() throws Exception {
    JsonNode output = result(plain, "optimism_outputAtBlock", "[\"0x3de\"]"); // 990

    assertThat(fieldNames(output))
        .containsExactly(
            "version",
            "outputRoot",
            "blockRef",
            "withdrawalStorageRoot",
            "stateRoot",
            "syncStatus");
    assertThat(output.get("version").asText()).isEqualTo(Hash.ZERO.toHex());
    byte[] preimage = new byte[128];
    System.arraycopy(filled(0xe1).toArray(), 0, preimage, 32, 32);
    System.arraycopy(filled(0xe2).toArray(), 0, preimage, 64, 32);
    System.arraycopy(filled(0xb0).toArray(), 0, preimage, 96, 32);
    assertThat(output.get("outputRoot").asText()).isEqualTo(Keccak256.digest(preimage).toHex());
    assertThat(output.get("stateRoot").asText()).isEqualTo(hex(0xe1));
    assertThat(output.get("withdrawalStorageRoot").asText()).isEqualTo(hex(0xe2));
    assertThat(output.get("blockRef").get("hash").asText()).isEqualTo(hex(0xb0));
    assertThat(output.get("blockRef").get("number").asLong()).isEqualTo(990);
    assertThat(output.get("syncStatus").get("safe_l2"))
        .isEqualTo(result(plain, "optimism_syncStatus", "[]").get("safe_l2"));
  }

  @Test
  void outputAtAnUnknownBlockIsAClearError() throws Exception {
    JsonNode error = error(plain, "optimism_outputAtBlock", "[\"0x1\"]");
    assertThat(error.get("code").asInt()).isEqualTo(-32000);
    assertThat(error.get("message").asText())
        .isEqualTo("failed to get L2 block ref with sync status: not found");
  }

  @Test
  void outputAtBlockRefusesBadParams() throws Exception {
    JsonNode tag = error(plain, "optimism_outputAtBlock", "[\"latest\"]");
    assertThat(tag.get("code").asInt()).isEqualTo(-32602);
    assertThat(tag.get("message").asText()).startsWith("invalid argument 0:");
    assertThat(error(plain, "optimism_outputAtBlock", "[990]").get("code").asInt())
        .isEqualTo(-32602);
    assertThat(error(plain, "optimism_outputAtBlock", "[]").get("code").asInt()).isEqualTo(-32602);
    assertThat(error(plain, "optimism_outputAtBlock", "[\"0x1\", 2]").get("code").asInt())
        .isEqualTo(-32602);
  }

  @Test
  void anUnreachableEngineIsAnErrorNotACrash() throws Exception {
    l2.down = true;
    try {
      JsonNode error = error(plain, "optimism_outputAtBlock", "[\"0x3de\"]");
      assertThat(error.get("code").asInt()).isEqualTo(-32000);
      assertThat(error.get("message").asText())
          .isEqualTo(
              "failed to get L2 block ref with sync status: engine RPC unreachable: connection"
                  + " refused");
    } finally {
      l2.down = false;
    }
    assertThat(result(plain, "optimism_outputAtBlock", "[\"0x3de\"]").has("outputRoot")).isTrue();
  }

  @Test
  void rollupConfigIsTheRollupJson() throws Exception {
    JsonNode answer = result(plain, "optimism_rollupConfig", "[]");
    // Compared as text read back: the writer's number nodes may be ints or longs.
    assertThat(answer).isEqualTo(JSON.readTree(config.toJson().toString()));
    assertThat(answer.get("block_time").asLong()).isEqualTo(2);
    assertThat(answer.get("genesis").get("l2").get("number").isIntegralNumber()).isTrue();
    assertThat(answer.get("l2_chain_id").asLong()).isEqualTo(11155420L);
  }

  @Test
  void versionIsTheProjectVersion() throws Exception {
    assertThat(result(plain, "optimism_version", "[]").asText()).isEqualTo(VERSION);
  }

  @Test
  void safeHeadAtL1BlockAnswersOpNodesShape() throws Exception {
    JsonNode answer = result(plain, "optimism_safeHeadAtL1Block", "[\"0x3d0900\"]"); // 4,000,000
    assertThat(answer)
        .isEqualTo(
            JSON.readTree(
                "{\"l1Block\":{\"hash\":\""
                    + hex(0x61)
                    + "\",\"number\":3999000},\"safeHead\":{\"hash\":\""
                    + hex(0x60)
                    + "\",\"number\":500}}"));
  }

  @Test
  void safeHeadBeforeTheFirstRecordIsNotFound() throws Exception {
    JsonNode error = error(plain, "optimism_safeHeadAtL1Block", "[\"0x5\"]");
    assertThat(error.get("code").asInt()).isEqualTo(-32000);
    assertThat(error.get("message").asText()).isEqualTo("not found");
  }

  @Test
  void safeHeadAtL1BlockRefusesBadParams() throws Exception {
    for (String params : List.of("[]", "[5]", "[\"latest\"]", "[\"0x\"]", "[{}]")) {
      assertThat(error(plain, "optimism_safeHeadAtL1Block", params).get("code").asInt())
          .as(params)
          .isEqualTo(-32602);
    }
  }

  @Test
  void safeHeadWithoutTheDatabaseSaysItIsNotEnabled() throws Exception {
    JsonNode error = error(noSafeDb, "optimism_safeHeadAtL1Block", "[\"0x5\"]");
    assertThat(error.get("code").asInt()).isEqualTo(-32000);
    assertThat(error.get("message").asText())
        .isEqualTo("failed to get safe head at l1 block 0x5: safe head database not enabled");
  }

  // ---- admin namespace ----

  @Test
  void adminMethodsDoNotExistWithoutEnableAdmin() throws Exception {
    for (String method :
        List.of(
            "admin_startSequencer",
            "admin_stopSequencer",
            "admin_sequencerActive",
            "admin_postUnsafePayload",
            "admin_resetDerivationPipeline")) {
      JsonNode error = error(plain, method, "[]");
      assertThat(error.get("code").asInt()).as(method).isEqualTo(-32601);
      assertThat(error.get("message").asText())
          .isEqualTo("the method " + method + " does not exist/is not available");
    }
  }

  @Test
  void sequencerStartsStopsAndReportsItsState() throws Exception {
    assertThat(result(admin, "admin_sequencerActive", "[]").asBoolean()).isFalse();

    JsonNode wrongHead = error(admin, "admin_startSequencer", "[\"" + hex(0x99) + "\"]");
    assertThat(wrongHead.get("code").asInt()).isEqualTo(-32000);
    assertThat(wrongHead.get("message").asText()).startsWith("block hash does not match");

    assertThat(result(admin, "admin_startSequencer", "[\"" + hex(0xa0) + "\"]").isNull()).isTrue();
    assertThat(result(admin, "admin_sequencerActive", "[]").asBoolean()).isTrue();
    assertThat(
            error(admin, "admin_startSequencer", "[\"" + hex(0xa0) + "\"]").get("message").asText())
        .isEqualTo("sequencer already running");

    assertThat(result(admin, "admin_stopSequencer", "[]").asText()).isEqualTo(hex(0xa0));
    assertThat(result(admin, "admin_sequencerActive", "[]").asBoolean()).isFalse();
    assertThat(error(admin, "admin_stopSequencer", "[]").get("message").asText())
        .isEqualTo("sequencer not running");
  }

  @Test
  void startSequencerRefusesAMalformedHash() throws Exception {
    assertThat(error(admin, "admin_startSequencer", "[\"0x1234\"]").get("code").asInt())
        .isEqualTo(-32602);
    assertThat(error(admin, "admin_startSequencer", "[]").get("code").asInt()).isEqualTo(-32602);
  }

  @Test
  void resetDerivationPipelineReachesTheDriver() throws Exception {
    int before = node.resets.get();
    assertThat(result(admin, "admin_resetDerivationPipeline", "[]").isNull()).isTrue();
    assertThat(node.resets.get()).isEqualTo(before + 1);
  }

  @Test
  void postUnsafePayloadHandsTheDecodedEnvelopeToTheDriver() throws Exception {
    String envelope = AdminPayloadJsonTest.ecotoneEnvelope();
    assertThat(result(admin, "admin_postUnsafePayload", "[" + envelope + "]").isNull()).isTrue();

    ExecutionPayloadEnvelope posted = node.posted.getLast();
    assertThat(posted.payload().blockNumber()).isEqualTo(0x3e9);
    assertThat(posted.payload().blockHash()).isEqualTo(filled(0xab));
    assertThat(posted.parentBeaconBlockRoot()).contains(filled(0xbe));
  }

  @Test
  void postUnsafePayloadRefusesAMalformedEnvelope() throws Exception {
    int before = node.posted.size();
    JsonNode missing =
        error(admin, "admin_postUnsafePayload", "[{\"parentBeaconBlockRoot\":\"" + hex(1) + "\"}]");
    assertThat(missing.get("code").asInt()).isEqualTo(-32602);
    assertThat(missing.get("message").asText())
        .isEqualTo(
            "invalid argument 0: execution payload envelope field 'executionPayload': missing");

    JsonNode notObject = error(admin, "admin_postUnsafePayload", "[\"0x00\"]");
    assertThat(notObject.get("code").asInt()).isEqualTo(-32602);
    assertThat(node.posted).hasSize(before);
  }

  @Test
  void theEnvelopeDecoderCanBeReplaced() throws Exception {
    TestNodeControl own = new TestNodeControl(STATUS);
    ExecutionPayloadEnvelope fixed =
        ExecutionPayloadEnvelope.fromJson(JSON.readTree(AdminPayloadJsonTest.ecotoneEnvelope()));
    RpcServer server =
        new RollupRpc(config, VERSION, own, l2, safeDb, true, json -> fixed)
            .start(RollupRpc.serverConfig("127.0.0.1", 0), Optional.empty());
    try {
      assertThat(result(server, "admin_postUnsafePayload", "[{}]").isNull()).isTrue();
      assertThat(own.posted).containsExactly(fixed);
    } finally {
      server.stop();
    }
  }
}
