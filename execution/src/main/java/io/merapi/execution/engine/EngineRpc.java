package io.merapi.execution.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.merapi.base.bytes.Hash;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcMethods;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import java.util.List;
import java.util.Optional;

/** Binds {@link EngineApi} to JSON-RPC: argument parsing and the spec's JSON answers. */
final class EngineRpc {
  private EngineRpc() {}

  static void register(EngineApi api, RpcMethods methods) {
    for (int v = 1; v <= 3; v++) {
      int version = v;
      methods.blocking(
          "engine_newPayloadV" + version,
          1,
          version == 3 ? 3 : 1,
          params -> newPayload(api, version, params));
      methods.blocking(
          "engine_forkchoiceUpdatedV" + version,
          1,
          2,
          params -> forkchoiceUpdated(api, version, params));
      methods.blocking(
          "engine_getPayloadV" + version, 1, 1, params -> getPayload(api, version, params));
    }
    methods.inline(
        "engine_exchangeCapabilities",
        1,
        1,
        params -> {
          JsonNode list = params.node(0);
          if (!list.isArray()) {
            throw Params.invalid(0, "expected an array of method names");
          }
          for (JsonNode name : list) {
            if (!name.isTextual()) {
              throw Params.invalid(0, "expected an array of method names");
            }
          }
          return api.exchangeCapabilities(
              java.util.stream.StreamSupport.stream(list.spliterator(), false)
                  .map(JsonNode::textValue)
                  .toList());
        });
    methods.inline(
        "engine_getClientVersionV1",
        1,
        1,
        params -> {
          EngineJson.Reader r = new EngineJson.Reader(params.node(0), 0, "ClientVersionV1");
          ClientVersion theirs =
              new ClientVersion(
                  text(r, params, "code"),
                  text(r, params, "name"),
                  text(r, params, "version"),
                  text(r, params, "commit"));
          ArrayNode out = JsonNodeFactory.instance.arrayNode();
          for (ClientVersion ours : api.getClientVersion(theirs)) {
            out.addObject()
                .put("code", ours.code())
                .put("name", ours.name())
                .put("version", ours.version())
                .put("commit", ours.commit());
          }
          return out;
        });
  }

  private static String text(EngineJson.Reader reader, Params params, String field) {
    JsonNode value = params.node(0).get(field);
    if (value == null || !value.isTextual()) {
      throw reader.bad(field, "missing or not a string");
    }
    return value.textValue();
  }

  private static JsonNode newPayload(EngineApi api, int version, Params params) {
    ExecutionPayload payload = EngineJson.payload(params.node(0), 0);
    Optional<List<Hash>> hashes = params.optionalNode(1).map(node -> EngineJson.hashes(node, 1));
    Optional<Hash> beaconRoot = params.optional(2, Params::hash);
    return EngineJson.status(api.newPayload(version, payload, hashes, beaconRoot));
  }

  private static JsonNode forkchoiceUpdated(EngineApi api, int version, Params params) {
    ForkchoiceState state = EngineJson.forkchoiceState(params.node(0), 0);
    Optional<PayloadAttributes> attributes =
        params.optionalNode(1).map(node -> EngineJson.attributes(node, 1));
    return EngineJson.forkchoiceUpdated(api.forkchoiceUpdated(version, state, attributes));
  }

  private static JsonNode getPayload(EngineApi api, int version, Params params) {
    PayloadId id;
    try {
      id = PayloadId.fromHex(params.string(0));
    } catch (IllegalArgumentException e) {
      throw Params.invalid(0, e.getMessage());
    }
    return EngineJson.envelope(api.getPayload(version, id), version, api.isOptimism());
  }
}
