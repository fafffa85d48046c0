package io.merapi.node.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.node.engine.CannedRpcServer.Answer;
import io.merapi.rpc.jwt.Jwt;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@link EngineClient} sends (method versions, arguments, a valid JWT) and how it reads every
 * kind of bad answer, against an HTTP server with canned answers.
 */
class EngineClientTest {
  static final JwtSecret SECRET = JwtSecret.generate();
  static final ForkchoiceState STATE =
      new ForkchoiceState(Hash.fromHex("0x" + "01".repeat(32)), Hash.ZERO, Hash.ZERO);
  static final Hash ROOT = Hash.fromHex("0x" + "be".repeat(32));

  static ExecutionPayload payload(long timestamp, boolean cancun) {
    return new ExecutionPayload(
        STATE.headBlockHash(),
        Address.fromHex("0x4200000000000000000000000000000000000011"),
        Hash.fromHex("0x" + "02".repeat(32)),
        Hash.fromHex("0x" + "03".repeat(32)),
        Bytes.wrap(new byte[256]),
        Hash.fromHex("0x" + "04".repeat(32)),
        1,
        30_000_000,
        50_000,
        timestamp,
        Bytes.EMPTY,
        UInt256.valueOf(7),
        Hash.fromHex("0x" + "05".repeat(32)),
        List.of(Bytes.fromHex("0x7e00")),
        Optional.of(List.of()),
        cancun ? OptionalLong.of(0) : OptionalLong.empty(),
        cancun ? OptionalLong.of(0) : OptionalLong.empty());
  }

  static PayloadAttributes attributes(long timestamp) {
    return PayloadAttributes.of(
            timestamp, Hash.ZERO, Address.ZERO, Optional.of(List.of()), Optional.empty())
        .withNoTxPool(true);
  }

  static Object validStatus() {
    return Map.of("status", "VALID", "latestValidHash", STATE.headBlockHash().toHex());
  }

  @Test
  void forkchoiceUpdatedSendsTheVersionTheAttributesAndAFreshJwt() throws Exception {
    try (CannedRpcServer server =
            new CannedRpcServer(
                request ->
                    Answer.result(
                        Map.of("payloadStatus", validStatus(), "payloadId", "0x0200000000000007"),
                        request));
        EngineClient client = new EngineClient(server.uri(), SECRET, Rollups.staged())) {
      Engine.ForkchoiceUpdate update = client.forkchoiceUpdated(STATE, Optional.of(attributes(12)));
      assertThat(update.status()).isEqualTo(PayloadStatus.valid(STATE.headBlockHash()));
      assertThat(update.payloadId()).contains(new PayloadId(0x0200_0000_0000_0007L));
      client.forkchoiceUpdated(STATE, Optional.empty());

      CannedRpcServer.Request first = server.requests.get(0);
      assertThat(first.body().get("method").asText()).isEqualTo("engine_forkchoiceUpdatedV2");
      JsonNode params = first.body().get("params");
      assertThat(params.get(0).get("headBlockHash").asText())
          .isEqualTo(STATE.headBlockHash().toHex());
      assertThat(params.get(1)).isEqualTo(attributes(12).toJson());
      assertThat(new Jwt(SECRET).check(first.authorization())).isEmpty();
      JsonNode second = server.requests.get(1).body();
      assertThat(second.get("method").asText()).isEqualTo("engine_forkchoiceUpdatedV3");
      assertThat(second.get("params").size()).isEqualTo(1);
    }
  }

  @Test
  void newPayloadV3SendsNoVersionedHashesAndTheBeaconRootV2OnlyThePayload() throws Exception {
    try (CannedRpcServer server =
            new CannedRpcServer(request -> Answer.result(validStatus(), request));
        EngineClient client = new EngineClient(server.uri(), SECRET, Rollups.staged())) {
      ExecutionPayload ecotone = payload(22, true);
      assertThat(client.newPayload(new ExecutionPayloadEnvelope(ecotone, Optional.of(ROOT))))
          .isEqualTo(PayloadStatus.valid(STATE.headBlockHash()));
      ExecutionPayload canyon = payload(12, false);
      client.newPayload(new ExecutionPayloadEnvelope(canyon, Optional.empty()));

      JsonNode v3 = server.requests.get(0).body();
      assertThat(v3.get("method").asText()).isEqualTo("engine_newPayloadV3");
      assertThat(v3.get("params").get(0)).isEqualTo(ecotone.toJson());
      assertThat(v3.get("params").get(1).isArray()).isTrue();
      assertThat(v3.get("params").get(1)).isEmpty();
      assertThat(v3.get("params").get(2).asText()).isEqualTo(ROOT.toHex());
      JsonNode v2 = server.requests.get(1).body();
      assertThat(v2.get("method").asText()).isEqualTo("engine_newPayloadV2");
      assertThat(v2.get("params").size()).isEqualTo(1);

      assertThatThrownBy(
              () -> client.newPayload(new ExecutionPayloadEnvelope(ecotone, Optional.empty())))
          .isInstanceOf(EngineException.Rejected.class)
          .hasMessageContaining("without its parent beacon block root");
      assertThat(server.requests).hasSize(2);
    }
  }

  @Test
  void getPayloadReadsTheEnvelopeAndNeedsTheRootFromEcotone() throws Exception {
    ExecutionPayload ecotone = payload(22, true);
    try (CannedRpcServer server =
            new CannedRpcServer(
                request -> {
                  ObjectNode envelope =
                      new ExecutionPayloadEnvelope(ecotone, Optional.of(ROOT)).toJson();
                  envelope.put("blockValue", "0x0").put("shouldOverrideBuilder", false);
                  if (request.get("method").asText().endsWith("V2")) {
                    envelope.remove("parentBeaconBlockRoot");
                  }
                  return Answer.result(envelope, request);
                });
        EngineClient client = new EngineClient(server.uri(), SECRET, Rollups.staged())) {
      assertThat(client.getPayload(new PayloadId(1), 22))
          .isEqualTo(new ExecutionPayloadEnvelope(ecotone, Optional.of(ROOT)));
      assertThat(server.requests.get(0).body().get("params").get(0).asText())
          .isEqualTo("0x0000000000000001");
      assertThat(client.getPayload(new PayloadId(1), 12).parentBeaconBlockRoot()).isEmpty();
    }
    try (CannedRpcServer server =
            new CannedRpcServer(
                request ->
                    Answer.result(
                        new ExecutionPayloadEnvelope(ecotone, Optional.empty()).toJson(),
                        request));
        EngineClient client = new EngineClient(server.uri(), SECRET, Rollups.staged())) {
      assertThatThrownBy(() -> client.getPayload(new PayloadId(1), 22))
          .isInstanceOf(EngineException.Temporary.class)
          .hasMessageContaining("engine_getPayloadV3")
          .hasMessageContaining("no parentBeaconBlockRoot");
    }
  }

  record Fault(String name, CannedRpcServer.Handler handler, Class<?> type, String message) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Fault> faults() {
    return Stream.of(
        new Fault(
            "HTTP 401",
            r -> new Answer(401, "invalid token"),
            EngineException.Temporary.class,
            "the JWT secret (--l2.jwt-secret) is not the engine's"),
        new Fault(
            "HTTP 500",
            r -> new Answer(500, "boom"),
            EngineException.Temporary.class,
            "the engine answered with a server error (500"),
        new Fault(
            "HTTP 404",
            r -> new Answer(404, ""),
            EngineException.Temporary.class,
            "unexpected HTTP status (404"),
        new Fault(
            "not JSON",
            r -> new Answer(200, "<html>"),
            EngineException.Temporary.class,
            "the answer is not JSON-RPC"),
        new Fault(
            "neither result nor error",
            r -> new Answer(200, "{\"jsonrpc\":\"2.0\",\"id\":1}"),
            EngineException.Temporary.class,
            "the answer is not JSON-RPC"),
        new Fault(
            "JSON-RPC error with data.err",
            r ->
                Answer.error(
                    -38002,
                    "Invalid forkchoice state",
                    Map.of("err", "finalized block not available"),
                    r),
            EngineException.Rejected.class,
            "Invalid forkchoice state: finalized block not available (code -38002)"),
        new Fault(
            "result not an object",
            r -> Answer.result("VALID", r),
            EngineException.Temporary.class,
            "malformed answer: the result is not an object"),
        new Fault(
            "result null",
            r -> Answer.result(null, r),
            EngineException.Temporary.class,
            "malformed answer"),
        new Fault(
            "no payload status",
            r -> Answer.result(Map.of("payloadId", "0x01"), r),
            EngineException.Temporary.class,
            "payloadStatus must be a JSON object"),
        new Fault(
            "unknown status",
            r -> Answer.result(Map.of("payloadStatus", Map.of("status", "FINE")), r),
            EngineException.Temporary.class,
            "unknown payload status \"FINE\""),
        new Fault(
            "status a number",
            r -> Answer.result(Map.of("payloadStatus", Map.of("status", 1)), r),
            EngineException.Temporary.class,
            "field 'status': must be a string"),
        new Fault(
            "short latestValidHash",
            r ->
                Answer.result(
                    Map.of("payloadStatus", Map.of("status", "VALID", "latestValidHash", "0x01")),
                    r),
            EngineException.Temporary.class,
            "field 'latestValidHash': must be 32 bytes"),
        new Fault(
            "short payload id",
            r -> Answer.result(Map.of("payloadStatus", validStatus(), "payloadId", "0x0102"), r),
            EngineException.Temporary.class,
            "field 'payloadId'"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("faults")
  void everyBadAnswerIsOneClearEngineException(Fault fault) throws Exception {
    try (CannedRpcServer server = new CannedRpcServer(fault.handler());
        EngineClient client = new EngineClient(server.uri(), SECRET, Rollups.staged())) {
      assertThatThrownBy(() -> client.forkchoiceUpdated(STATE, Optional.empty()))
          .isInstanceOf(fault.type())
          .hasMessageContaining("engine_forkchoiceUpdatedV3")
          .hasMessageContaining(fault.message());
    }
  }

  @Test
  void aSlowEngineTimesOut() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    try (CannedRpcServer server =
            new CannedRpcServer(
                request -> {
                  release.await(10, TimeUnit.SECONDS);
                  return Answer.result(Map.of("payloadStatus", validStatus()), request);
                });
        EngineClient client =
            new EngineClient(server.uri(), SECRET, Rollups.staged(), Duration.ofMillis(200))) {
      try {
        assertThatThrownBy(() -> client.forkchoiceUpdated(STATE, Optional.empty()))
            .isInstanceOf(EngineException.Temporary.class)
            .hasMessageContaining("no answer within 200 ms");
      } finally {
        release.countDown(); // before the server stops, which waits for its handler
      }
    }
  }

  @Test
  void anEngineThatIsNotRunningRefusesTheConnection() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try (EngineClient client =
        new EngineClient(URI.create("http://127.0.0.1:" + port), SECRET, Rollups.staged())) {
      assertThatThrownBy(() -> client.forkchoiceUpdated(STATE, Optional.empty()))
          .isInstanceOf(EngineException.Temporary.class)
          .hasMessageContaining("connection refused (is the engine running?)");
    }
  }

  @Test
  void theJwtSecretFileIsReadAsOpNodeReadsIt(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwt.txt");
    Files.writeString(file, "  0x" + SECRET.toHex().substring(2) + "\n");
    assertThat(EngineClient.readJwtSecret(file)).isEqualTo(SECRET);
    assertThatThrownBy(() -> EngineClient.readJwtSecret(dir.resolve("missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not exist");
    Files.writeString(file, "0x1234");
    assertThatThrownBy(() -> EngineClient.readJwtSecret(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid JWT secret")
        .hasMessageContaining(file.toString());
  }
}
