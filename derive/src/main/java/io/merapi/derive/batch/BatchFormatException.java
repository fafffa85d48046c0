package io.merapi.derive.batch;

/**
 * Batch data that is not a valid batch (specs derivation.md "Batch Format": unknown versions and
 * malformed contents make the batch invalid): the message names the field and, where known, the
 * byte offset in the batch. The only exception the batch decoders throw for bad input.
 */
public final class BatchFormatException extends RuntimeException {
  private final String reason;
  private final int offset;

  public BatchFormatException(String reason, int offset) {
    super(offset >= 0 ? reason + " (at byte " + offset + " of the batch)" : reason);
    this.reason = reason;
    this.offset = offset;
  }

  public BatchFormatException(String message) {
    this(message, -1);
  }

  /** What is wrong, without the location. */
  public String reason() {
    return reason;
  }

  /** The byte offset in the batch's encoding where decoding stopped, or -1 when not known. */
  public int offset() {
    return offset;
  }
}
