package io.merapi.types.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hash;
import java.util.Objects;
import java.util.Optional;

/**
 * A payload with the parent beacon block root that travels beside it (op-node's {@code
 * ExecutionPayloadEnvelope}): what {@code engine_getPayloadV3} returns, {@code engine_newPayloadV3}
 * takes as two arguments, and the rollup node passes between sequencer and verifier ({@code
 * admin_postUnsafePayload}, later gossip). The root is empty before Ecotone (Cancun on L2).
 */
public record ExecutionPayloadEnvelope(
    ExecutionPayload payload, Optional<Hash> parentBeaconBlockRoot) {
  public ExecutionPayloadEnvelope {
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(parentBeaconBlockRoot, "parentBeaconBlockRoot");
  }

  /**
   * op-node's JSON form: {@code executionPayload} and, when present, {@code parentBeaconBlockRoot}.
   */
  public ObjectNode toJson() {
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.set("executionPayload", payload.toJson());
    parentBeaconBlockRoot.ifPresent(root -> out.put("parentBeaconBlockRoot", root.toHex()));
    return out;
  }

  /**
   * Reads op-node's JSON form, which is also the shape of {@code engine_getPayloadV2/V3}'s answer
   * (whose {@code blockValue}, {@code blobsBundle} and {@code shouldOverrideBuilder} are ignored).
   *
   * @throws IllegalArgumentException naming the field that is missing or malformed
   */
  public static ExecutionPayloadEnvelope fromJson(JsonNode json) {
    EngineJsonFields f = new EngineJsonFields(json, "execution payload envelope");
    if (!f.present("executionPayload")) {
      throw f.error("executionPayload", "missing");
    }
    return new ExecutionPayloadEnvelope(
        ExecutionPayload.fromJson(f.node("executionPayload")),
        f.present("parentBeaconBlockRoot")
            ? Optional.of(Hash.wrap(f.bytes("parentBeaconBlockRoot", Hash.LENGTH)))
            : Optional.empty());
  }
}
