package io.merapi.types.engine;

import io.merapi.base.bytes.Hash;
import java.util.Objects;

/**
 * {@code ForkchoiceStateV1}: the head, and the safe and finalized blocks (zero when not known yet).
 */
public record ForkchoiceState(Hash headBlockHash, Hash safeBlockHash, Hash finalizedBlockHash) {
  public ForkchoiceState {
    Objects.requireNonNull(headBlockHash);
    Objects.requireNonNull(safeBlockHash);
    Objects.requireNonNull(finalizedBlockHash);
  }
}
