package io.merapi.node.engine;

import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * The Engine API as the rollup node calls it (specs exec-engine.md), each method at the version the
 * fork of its block's timestamp requires. Failures are {@link EngineException}s: the engine could
 * not be reached (temporary) or it answered with a JSON-RPC error (rejected).
 */
public interface Engine extends AutoCloseable {

  /** What {@code engine_forkchoiceUpdated} answered. */
  record ForkchoiceUpdate(PayloadStatus status, Optional<PayloadId> payloadId) {
    public ForkchoiceUpdate {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(payloadId, "payloadId");
    }
  }

  /**
   * {@code engine_forkchoiceUpdatedV1..V3}: moves the heads and, with attributes, starts building a
   * block on the new head.
   */
  ForkchoiceUpdate forkchoiceUpdated(ForkchoiceState state, Optional<PayloadAttributes> attributes);

  /**
   * {@code engine_getPayloadV2..V4}: the block being built as {@code id}, whose timestamp selects
   * the method version.
   */
  ExecutionPayloadEnvelope getPayload(PayloadId id, long timestamp);

  /** {@code engine_newPayloadV2..V4}: hands a block to the engine to execute and store. */
  PayloadStatus newPayload(ExecutionPayloadEnvelope envelope);

  @Override
  void close();
}
