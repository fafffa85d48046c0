package io.merapi.execution.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.execution.testing.ChainFixture;
import io.merapi.execution.txpool.TransactionPool;
import io.merapi.execution.txpool.TxPoolConfig;
import io.merapi.rpc.RpcJson;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Optional;

/**
 * A chain with a pool, a payload builder and the Engine API served on an ephemeral authenticated
 * port, with a JWT-carrying client: what a consensus client sees.
 */
final class EngineHarness implements AutoCloseable {
  final JwtSecret secret = JwtSecret.generate();
  final ChainFixture fixture;
  final TransactionPool pool;
  final PayloadBuilder builder;
  final EngineApi api;
  final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  final RpcServer server;
  final HttpRpcClient client;

  EngineHarness(ChainFixture fixture) {
    this.fixture = fixture;
    this.pool = TransactionPool.create(fixture.chain, TxPoolConfig.defaults());
    this.builder = new PayloadBuilder(fixture.chain, Optional.of(pool), BuilderConfig.defaults());
    this.api = new EngineApi(fixture.chain, builder);
    api.bindTo(meters);
    RpcMethods methods = new RpcMethods();
    api.register(methods);
    this.server =
        RpcServer.builder(RpcServerConfig.engineApi(secret).withPort(0).withThreads(1, 2))
            .methods(methods)
            .start();
    this.client =
        HttpRpcClient.create(server.httpUri(), RpcClientOptions.defaults().withJwtSecret(secret));
  }

  EngineHarness() {
    this(new ChainFixture(4));
  }

  Hash head() {
    return fixture.chain.head().hash();
  }

  static ObjectNode forkchoice(Hash head, Hash safe, Hash finalized) {
    ObjectNode state = RpcJson.mapper().createObjectNode();
    state.put("headBlockHash", head.toHex());
    state.put("safeBlockHash", safe.toHex());
    state.put("finalizedBlockHash", finalized.toHex());
    return state;
  }

  static ObjectNode forkchoice(Hash head) {
    return forkchoice(head, Hash.ZERO, Hash.ZERO);
  }

  /** Cancun attributes (V3) for a child of the head, {@code seconds} after it. */
  ObjectNode attributesV3(long seconds) {
    ObjectNode a = attributesV2(seconds);
    a.put("parentBeaconBlockRoot", beaconRoot().toHex());
    return a;
  }

  ObjectNode attributesV2(long seconds) {
    ObjectNode a = attributesV1(seconds);
    a.putArray("withdrawals");
    return a;
  }

  ObjectNode attributesV1(long seconds) {
    ObjectNode a = RpcJson.mapper().createObjectNode();
    long timestamp = fixture.chain.head().header().timestamp() + seconds;
    a.put("timestamp", "0x" + Long.toHexString(timestamp));
    a.put("prevRandao", Hash.wrap(Keccak256.hash(("r" + timestamp).getBytes())).toHex());
    a.put("suggestedFeeRecipient", ChainFixture.FEE_RECIPIENT.toHex());
    return a;
  }

  Hash beaconRoot() {
    return Hash.wrap(Keccak256.hash(("beacon" + head()).getBytes()));
  }

  JsonNode call(String method, Object... params) {
    return client.call(method, params);
  }

  /**
   * The four calls of a block: forkchoiceUpdatedV3 with attributes, getPayloadV3, newPayloadV3,
   * forkchoiceUpdatedV3 to the new block. Returns the getPayload envelope.
   */
  JsonNode produceBlockV3() {
    Hash beaconRoot = beaconRoot();
    JsonNode fcu = call("engine_forkchoiceUpdatedV3", forkchoice(head()), attributesV3(12));
    String id = fcu.get("payloadId").textValue();
    JsonNode envelope = call("engine_getPayloadV3", id);
    JsonNode payload = envelope.get("executionPayload");
    JsonNode status =
        call(
            "engine_newPayloadV3", payload, RpcJson.mapper().createArrayNode(), beaconRoot.toHex());
    if (!status.get("status").textValue().equals("VALID")) {
      throw new IllegalStateException("built payload not valid: " + status);
    }
    Hash hash = Hash.fromHex(payload.get("blockHash").textValue());
    call("engine_forkchoiceUpdatedV3", forkchoice(hash, hash, Hash.ZERO), null);
    return envelope;
  }

  @Override
  public void close() {
    client.close();
    server.stop();
    builder.close();
    pool.close();
  }
}
