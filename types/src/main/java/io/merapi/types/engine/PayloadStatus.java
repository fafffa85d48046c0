package io.merapi.types.engine;

import io.merapi.base.bytes.Hash;
import java.util.Optional;

/**
 * {@code PayloadStatusV1}: what the engine concluded about a payload or a forkchoice head.
 *
 * @param latestValidHash the most recent valid block of the payload's branch, when known
 * @param validationError why the payload is invalid
 */
public record PayloadStatus(
    Status status, Optional<Hash> latestValidHash, Optional<String> validationError) {

  /** The statuses of execution-apis {@code paris.md}. */
  public enum Status {
    VALID,
    INVALID,
    SYNCING,
    ACCEPTED,
    /** Only {@code engine_newPayloadV1} answers this; later versions say INVALID instead. */
    INVALID_BLOCK_HASH
  }

  public static PayloadStatus valid(Hash hash) {
    return new PayloadStatus(Status.VALID, Optional.of(hash), Optional.empty());
  }

  public static PayloadStatus syncing() {
    return new PayloadStatus(Status.SYNCING, Optional.empty(), Optional.empty());
  }

  public static PayloadStatus invalid(Optional<Hash> latestValidHash, String error) {
    return new PayloadStatus(Status.INVALID, latestValidHash, Optional.of(error));
  }
}
