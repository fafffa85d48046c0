package io.merapi.execution.engine;

import static io.merapi.execution.engine.EngineHarness.forkchoice;
import static io.merapi.execution.testing.ChainFixture.GWEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.SealedBlock;
import io.merapi.execution.testing.ChainFixture;
import io.merapi.execution.txpool.PoolStatus;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.jwt.Jwt;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.types.block.Block;
import io.merapi.types.transaction.Transaction;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Engine API over its authenticated JSON-RPC port, as a consensus client drives it. */
class EngineApiTest {
  private final EngineHarness engine = new EngineHarness();

  @AfterEach
  void close() {
    engine.close();
  }

  private static void assertError(Runnable call, int code, String dataErr) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RpcException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              if (dataErr != null) {
                assertThat(e.error().data()).isPresent();
                assertThat(e.error().data().get().get("err").textValue()).contains(dataErr);
              }
            });
  }

  /** The payload with {@code field} changed and the block hash recomputed to match. */
  private static ObjectNode tampered(JsonNode payload, String field, String value, Hash root) {
    ObjectNode copy = payload.deepCopy();
    copy.put(field, value);
    Block block = PayloadBlocks.toBlock(EngineJson.payload(copy, 0), Optional.of(root));
    copy.put("blockHash", block.hash().toHex());
    return copy;
  }

  private static ArrayNode noHashes() {
    return RpcJson.mapper().createArrayNode();
  }

  @Test
  void buildsBlocksThroughTheFourCallLoop() {
    var alice = engine.fixture.keys.get(0);
    var bob = engine.fixture.keys.get(1);
    Transaction a0 = ChainFixture.transfer(alice, 0, 2 * GWEI, 10 * GWEI);
    Transaction a1 = ChainFixture.transfer(alice, 1, 2 * GWEI, 10 * GWEI);
    Transaction b0 = ChainFixture.legacy(bob, 0, 5 * GWEI);
    engine.pool.add(a0);
    engine.pool.add(a1);
    engine.pool.add(b0);
    Hash genesis = engine.head();
    Hash beaconRoot = engine.beaconRoot();

    JsonNode fcu =
        engine.call("engine_forkchoiceUpdatedV3", forkchoice(genesis), engine.attributesV3(12));
    assertThat(fcu.get("payloadStatus").get("status").textValue()).isEqualTo("VALID");
    assertThat(fcu.get("payloadStatus").get("latestValidHash").textValue())
        .isEqualTo(genesis.toHex());
    assertThat(fcu.get("payloadStatus").get("validationError").isNull()).isTrue();
    String id = fcu.get("payloadId").textValue();
    assertThat(id).matches("0x03[0-9a-f]{14}");

    JsonNode envelope = engine.call("engine_getPayloadV3", id);
    JsonNode payload = envelope.get("executionPayload");
    assertThat(payload.get("parentHash").textValue()).isEqualTo(genesis.toHex());
    assertThat(payload.get("blockNumber").textValue()).isEqualTo("0x1");
    assertThat(payload.get("feeRecipient").textValue())
        .isEqualTo(ChainFixture.FEE_RECIPIENT.toHex());
    assertThat(payload.get("transactions")).hasSize(3);
    // bob's legacy tip (5 - 0.875 gwei) beats alice's 2 gwei.
    assertThat(payload.get("transactions").get(0).textValue())
        .isEqualTo(io.merapi.base.bytes.Hex.encode(b0.encoded()));
    assertThat(payload.get("withdrawals")).isEmpty();
    assertThat(payload.get("blobGasUsed").textValue()).isEqualTo("0x0");
    assertThat(payload.get("excessBlobGas").textValue()).isEqualTo("0x0");
    long tips = (5 * GWEI - 875_000_000L) + 2 * 2 * GWEI;
    assertThat(envelope.get("blockValue").textValue())
        .isEqualTo(UInt256.valueOf(tips * 21_000).toQuantity());
    assertThat(envelope.get("blobsBundle").get("blobs")).isEmpty();
    assertThat(envelope.get("shouldOverrideBuilder").booleanValue()).isFalse();
    assertThat(envelope.has("parentBeaconBlockRoot")).isFalse(); // an OP Stack field only
    // Asking again gives the same payload.
    assertThat(engine.call("engine_getPayloadV3", id)).isEqualTo(envelope);

    JsonNode status = engine.call("engine_newPayloadV3", payload, noHashes(), beaconRoot.toHex());
    Hash hash = Hash.fromHex(payload.get("blockHash").textValue());
    assertThat(status.get("status").textValue()).isEqualTo("VALID");
    assertThat(status.get("latestValidHash").textValue()).isEqualTo(hash.toHex());
    assertThat(engine.head()).isEqualTo(genesis); // newPayload does not move the head

    JsonNode moved =
        engine.call("engine_forkchoiceUpdatedV3", forkchoice(hash, hash, genesis), null);
    assertThat(moved.get("payloadStatus").get("status").textValue()).isEqualTo("VALID");
    assertThat(moved.get("payloadId").isNull()).isTrue();
    assertThat(engine.head()).isEqualTo(hash);
    assertThat(engine.fixture.chain.safe().orElseThrow().hash()).isEqualTo(hash);
    assertThat(engine.fixture.chain.finalized().orElseThrow().hash()).isEqualTo(genesis);
    assertThat(engine.pool.status()).isEqualTo(new PoolStatus(0, 0));

    // A second round, and the same payload imported again is still VALID.
    engine.pool.add(ChainFixture.transfer(alice, 2, GWEI, 10 * GWEI));
    JsonNode second = engine.produceBlockV3();
    assertThat(second.get("executionPayload").get("transactions")).hasSize(1);
    assertThat(engine.fixture.chain.head().number()).isEqualTo(2);
    JsonNode again = engine.call("engine_newPayloadV3", payload, noHashes(), beaconRoot.toHex());
    assertThat(again.get("status").textValue()).isEqualTo("VALID");

    assertThat(engine.meters.get("engine.new_payload").tag("status", "VALID").timer().count())
        .isEqualTo(3);
    assertThat(engine.meters.get("engine.forkchoice_updated").timers()).isNotEmpty();
    assertThat(engine.meters.get("engine.payload.build").timer().count()).isPositive();
  }

  @Test
  void sameAttributesGiveTheSamePayloadId() {
    ObjectNode attributes = engine.attributesV3(12);
    JsonNode first =
        engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), attributes);
    JsonNode second =
        engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), attributes);
    assertThat(second.get("payloadId")).isEqualTo(first.get("payloadId"));
    ObjectNode other = attributes.deepCopy();
    other.put(
        "timestamp",
        "0x" + Long.toHexString(engine.fixture.chain.head().header().timestamp() + 13));
    JsonNode third = engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), other);
    assertThat(third.get("payloadId")).isNotEqualTo(first.get("payloadId"));
  }

  @Test
  void refusesMissingWrongAndStaleTokens() throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String body =
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"engine_exchangeCapabilities\",\"params\":[[]]}";
    URI uri = engine.server.httpUri();
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));

    HttpResponse<String> missing = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(401);
    assertThat(missing.body().strip()).isEqualTo("missing token");

    String wrong = new Jwt(JwtSecret.generate()).mint();
    HttpResponse<String> wrongSecret =
        http.send(
            request.copy().header("Authorization", "Bearer " + wrong).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(wrongSecret.body().strip()).isEqualTo("token signature is invalid");

    String stale = new Jwt(engine.secret).mint(Instant.now().minusSeconds(61 + 30));
    HttpResponse<String> staleToken =
        http.send(
            request.copy().header("Authorization", "Bearer " + stale).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(staleToken.statusCode()).isEqualTo(401);
    assertThat(staleToken.body().strip()).isEqualTo("stale token");

    String fresh = new Jwt(engine.secret).mint();
    HttpResponse<String> ok =
        http.send(
            request.copy().header("Authorization", "Bearer " + fresh).build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("engine_forkchoiceUpdatedV3");
  }

  @Test
  void newPayloadAnswersInvalidWithTheLatestValidHash() {
    JsonNode envelope = engine.produceBlockV3();
    Hash parent = engine.head();
    Hash root = engine.beaconRoot();
    JsonNode fcu =
        engine.call("engine_forkchoiceUpdatedV3", forkchoice(parent), engine.attributesV3(12));
    JsonNode payload =
        engine
            .call("engine_getPayloadV3", fcu.get("payloadId").textValue())
            .get("executionPayload");

    // A consistent block hash over a wrong state root: executed, found invalid.
    ObjectNode bad = tampered(payload, "stateRoot", Hash.ZERO.toHex(), root);
    JsonNode status = engine.call("engine_newPayloadV3", bad, noHashes(), root.toHex());
    assertThat(status.get("status").textValue()).isEqualTo("INVALID");
    assertThat(status.get("latestValidHash").textValue()).isEqualTo(parent.toHex());
    assertThat(status.get("validationError").textValue()).startsWith("invalid merkle root");
    Hash badHash = Hash.fromHex(bad.get("blockHash").textValue());
    assertThat(engine.fixture.chain.contains(badHash)).isFalse();

    // A child of the invalid block is INVALID too, pointing at the same valid ancestor.
    ObjectNode child = bad.deepCopy();
    child.put("parentHash", badHash.toHex());
    child.put("blockNumber", "0x3");
    child.put("timestamp", "0x" + Long.toHexString(payload.get("timestamp").asLong(0) + 1000));
    child = tampered(child, "gasUsed", "0x0", root);
    JsonNode childStatus = engine.call("engine_newPayloadV3", child, noHashes(), root.toHex());
    assertThat(childStatus.get("status").textValue()).isEqualTo("INVALID");
    assertThat(childStatus.get("latestValidHash").textValue()).isEqualTo(parent.toHex());
    assertThat(childStatus.get("validationError").textValue())
        .isEqualTo("links to previously rejected block");

    // forkchoiceUpdated to the invalid block answers INVALID and changes nothing.
    JsonNode fcuBad = engine.call("engine_forkchoiceUpdatedV3", forkchoice(badHash), null);
    assertThat(fcuBad.get("payloadStatus").get("status").textValue()).isEqualTo("INVALID");
    assertThat(fcuBad.get("payloadStatus").get("latestValidHash").textValue())
        .isEqualTo(parent.toHex());
    assertThat(engine.head()).isEqualTo(parent);
    assertThat(envelope).isNotNull();
  }

  @Test
  void newPayloadAnswersSyncingForAnUnknownParentAndInvalidForBadContents() {
    JsonNode envelope = engine.produceBlockV3();
    JsonNode payload = envelope.get("executionPayload");
    Hash root = Hash.wrap(Keccak256.hash("any".getBytes()));
    // Unknown parent (with a matching block hash): SYNCING.
    ObjectNode orphan =
        tampered(payload, "parentHash", Hash.wrap(Keccak256.hash("x".getBytes())).toHex(), root);
    JsonNode syncing = engine.call("engine_newPayloadV3", orphan, noHashes(), root.toHex());
    assertThat(syncing.get("status").textValue()).isEqualTo("SYNCING");
    assertThat(syncing.get("latestValidHash").isNull()).isTrue();
    assertThat(syncing.get("validationError").isNull()).isTrue();

    // A wrong block hash in V3 is INVALID without a latest valid hash.
    ObjectNode wrongHash = payload.deepCopy();
    wrongHash.put("blockHash", Hash.ZERO.toHex());
    JsonNode invalid = engine.call("engine_newPayloadV3", wrongHash, noHashes(), root.toHex());
    assertThat(invalid.get("status").textValue()).isEqualTo("INVALID");
    assertThat(invalid.get("latestValidHash").isNull()).isTrue();
    assertThat(invalid.get("validationError").textValue()).startsWith("blockhash mismatch");

    // An empty transaction is INVALID.
    ObjectNode empty = payload.deepCopy();
    empty.putArray("transactions").add("0x");
    JsonNode emptyTx = engine.call("engine_newPayloadV3", empty, noHashes(), root.toHex());
    assertThat(emptyTx.get("status").textValue()).isEqualTo("INVALID");
    assertThat(emptyTx.get("validationError").textValue()).contains("transaction 0");

    // Expected versioned hashes that the block does not have: INVALID.
    ArrayNode expected = noHashes().add(Hash.ZERO.toHex());
    JsonNode hashes = engine.call("engine_newPayloadV3", payload, expected, root.toHex());
    assertThat(hashes.get("status").textValue()).isEqualTo("INVALID");
    assertThat(hashes.get("validationError").textValue()).contains("versionedHashes");
  }

  @Test
  void newPayloadFieldsMustMatchTheMethodVersion() {
    JsonNode payload = engine.produceBlockV3().get("executionPayload");
    String root = engine.beaconRoot().toHex();
    assertError(
        () -> engine.call("engine_newPayloadV3", payload, noHashes()),
        RpcError.INVALID_PARAMS,
        "nil beaconRoot post-cancun");
    assertError(
        () -> engine.call("engine_newPayloadV3", payload),
        RpcError.INVALID_PARAMS,
        "nil versionedHashes post-cancun");
    ObjectNode noExcess = payload.deepCopy();
    noExcess.remove("excessBlobGas");
    assertError(
        () -> engine.call("engine_newPayloadV3", noExcess, noHashes(), root),
        RpcError.INVALID_PARAMS,
        "nil excessBlobGas post-cancun");
    ObjectNode nullWithdrawals = payload.deepCopy();
    nullWithdrawals.putNull("withdrawals");
    assertError(
        () -> engine.call("engine_newPayloadV3", nullWithdrawals, noHashes(), root),
        RpcError.INVALID_PARAMS,
        "nil withdrawals post-shanghai");
    assertError(
        () -> engine.call("engine_newPayloadV2", payload),
        EngineErrors.UNSUPPORTED_FORK,
        "post-cancun");
    assertError(
        () -> engine.call("engine_newPayloadV1", payload),
        RpcError.INVALID_PARAMS,
        "withdrawals not supported in V1");
    ObjectNode missing = payload.deepCopy();
    missing.remove("stateRoot");
    assertError(
        () -> engine.call("engine_newPayloadV3", missing, noHashes(), root),
        RpcError.INVALID_PARAMS,
        null);
    ObjectNode shortHash = payload.deepCopy();
    shortHash.put("parentHash", "0x1234");
    assertError(
        () -> engine.call("engine_newPayloadV3", shortHash, noHashes(), root),
        RpcError.INVALID_PARAMS,
        null);
  }

  @Test
  void forkchoiceUpdatedHandlesUnknownAndInconsistentStates() {
    Hash genesis = engine.head();
    Hash unknown = Hash.wrap(Keccak256.hash("unknown".getBytes()));
    JsonNode syncing =
        engine.call("engine_forkchoiceUpdatedV3", forkchoice(unknown), engine.attributesV3(12));
    assertThat(syncing.get("payloadStatus").get("status").textValue()).isEqualTo("SYNCING");
    assertThat(syncing.get("payloadId").isNull()).isTrue();

    JsonNode zero = engine.call("engine_forkchoiceUpdatedV3", forkchoice(Hash.ZERO), null);
    assertThat(zero.get("payloadStatus").get("status").textValue()).isEqualTo("INVALID");

    engine.produceBlockV3();
    Hash one = engine.head();
    // A side block at height 1, stored but not canonical.
    SealedBlock sideBlock = engine.fixture.build(genesis, List.of(), 5);
    engine.fixture.chain.importSealed(sideBlock, false);
    ChainHead side = new ChainHead(sideBlock.hash(), sideBlock.block().header());
    assertError(
        () ->
            engine.call(
                "engine_forkchoiceUpdatedV3", forkchoice(one, side.hash(), Hash.ZERO), null),
        EngineErrors.INVALID_FORKCHOICE_STATE,
        "not on the chain");
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV3", forkchoice(one, Hash.ZERO, unknown), null),
        EngineErrors.INVALID_FORKCHOICE_STATE,
        "final block not available");
    assertThat(engine.head()).isEqualTo(one);

    // Moving to the side block is a reorg the engine performs.
    JsonNode reorg = engine.call("engine_forkchoiceUpdatedV3", forkchoice(side.hash()), null);
    assertThat(reorg.get("payloadStatus").get("status").textValue()).isEqualTo("VALID");
    assertThat(engine.head()).isEqualTo(side.hash());
  }

  @Test
  void invalidAttributesKeepTheAppliedForkchoiceState() {
    engine.produceBlockV3();
    Hash one = engine.head();
    Hash genesis = engine.fixture.chain.genesis().hash();
    // Back to genesis with a timestamp not after it: the head moves, the build is refused.
    ObjectNode attributes = engine.attributesV3(12);
    attributes.put("timestamp", "0x0");
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV3", forkchoice(genesis), attributes),
        EngineErrors.INVALID_PAYLOAD_ATTRIBUTES,
        "invalid timestamp");
    assertThat(engine.head()).isEqualTo(genesis);

    engine.call("engine_forkchoiceUpdatedV3", forkchoice(one), null);
    ObjectNode noRoot = engine.attributesV2(12);
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV3", forkchoice(one), noRoot),
        EngineErrors.INVALID_PAYLOAD_ATTRIBUTES,
        "missing beacon root");
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV2", forkchoice(one), noRoot),
        EngineErrors.UNSUPPORTED_FORK,
        null);
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV2", forkchoice(one), engine.attributesV3(12)),
        EngineErrors.INVALID_PAYLOAD_ATTRIBUTES,
        "unexpected beacon root");
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV1", forkchoice(one), engine.attributesV3(12)),
        RpcError.INVALID_PARAMS,
        "not supported in V1");
    ObjectNode eip1559 = engine.attributesV3(12);
    eip1559.put("eip1559Params", "0x0000000800000002");
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV3", forkchoice(one), eip1559),
        EngineErrors.INVALID_PAYLOAD_ATTRIBUTES,
        "OP Stack");
    ObjectNode state = forkchoice(one);
    state.remove("safeBlockHash");
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV3", state, null),
        RpcError.INVALID_PARAMS,
        null);
  }

  @Test
  void getPayloadChecksTheIdAndTheFork() {
    assertError(
        () -> engine.call("engine_getPayloadV3", "0x0300000000000001"),
        EngineErrors.UNKNOWN_PAYLOAD,
        null);
    assertError(() -> engine.call("engine_getPayloadV3", "0x03"), RpcError.INVALID_PARAMS, null);
    JsonNode fcu =
        engine.call(
            "engine_forkchoiceUpdatedV3", forkchoice(engine.head()), engine.attributesV3(12));
    String id = fcu.get("payloadId").textValue();
    assertError(() -> engine.call("engine_getPayloadV2", id), EngineErrors.UNSUPPORTED_FORK, null);
    assertError(() -> engine.call("engine_getPayloadV1", id), EngineErrors.UNSUPPORTED_FORK, null);
  }

  @Test
  void rollupAttributesForceTransactionsAndLeaveThePoolOut() {
    var alice = engine.fixture.keys.get(0);
    engine.pool.add(ChainFixture.transfer(engine.fixture.keys.get(1), 0, GWEI, 10 * GWEI));
    Transaction forced = ChainFixture.transfer(alice, 0, GWEI, 10 * GWEI);
    ObjectNode attributes = engine.attributesV3(12);
    attributes.putArray("transactions").add(io.merapi.base.bytes.Hex.encode(forced.encoded()));
    attributes.put("noTxPool", true);
    attributes.put("gasLimit", "0x1c9c380");
    JsonNode fcu = engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), attributes);
    JsonNode payload =
        engine
            .call("engine_getPayloadV3", fcu.get("payloadId").textValue())
            .get("executionPayload");
    assertThat(payload.get("transactions")).hasSize(1);
    assertThat(payload.get("transactions").get(0).textValue())
        .isEqualTo(io.merapi.base.bytes.Hex.encode(forced.encoded()));
    assertThat(payload.get("gasLimit").textValue()).isEqualTo("0x1c9c380");

    ObjectNode broken = engine.attributesV3(13);
    broken.putArray("transactions").add("0x02ff");
    assertError(
        () -> engine.call("engine_forkchoiceUpdatedV3", forkchoice(engine.head()), broken),
        EngineErrors.INVALID_PAYLOAD_ATTRIBUTES,
        "transaction 0");
  }

  @Test
  void identifiesItself() {
    JsonNode capabilities =
        engine.call("engine_exchangeCapabilities", List.of("engine_newPayloadV1"));
    assertThat(capabilities).hasSize(EngineApi.CAPABILITIES.size());
    List<String> names =
        RpcJson.mapper()
            .convertValue(
                capabilities, new com.fasterxml.jackson.core.type.TypeReference<List<String>>() {});
    assertThat(names).contains("engine_forkchoiceUpdatedV3", "engine_getClientVersionV1");
    assertThat(names).doesNotContain("engine_exchangeCapabilities");

    ObjectNode theirs = RpcJson.mapper().createObjectNode();
    theirs.put("code", "LH").put("name", "Lighthouse").put("version", "v4.6.0");
    theirs.put("commit", "0xfa4ff922");
    JsonNode version = engine.call("engine_getClientVersionV1", theirs);
    assertThat(version).hasSize(1);
    assertThat(version.get(0).get("code").textValue()).isEqualTo("MR");
    assertThat(version.get(0).get("name").textValue()).isEqualTo("merapi");
    assertThat(version.get(0).get("commit").textValue()).matches("0x[0-9a-f]{8}");
    theirs.remove("commit");
    assertError(
        () -> engine.call("engine_getClientVersionV1", theirs), RpcError.INVALID_PARAMS, null);
  }
}
