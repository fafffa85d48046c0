package io.merapi.types.engine;

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
}
