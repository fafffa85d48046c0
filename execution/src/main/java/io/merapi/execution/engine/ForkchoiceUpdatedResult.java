package io.merapi.execution.engine;

import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import java.util.Optional;

/** The answer of {@code engine_forkchoiceUpdated}: the head's status and the build started. */
public record ForkchoiceUpdatedResult(PayloadStatus payloadStatus, Optional<PayloadId> payloadId) {}
