package io.merapi.base.rlp;

/**
 * Input that is not canonical RLP, or not the RLP shape the caller expects. Carries the byte offset
 * where decoding stopped so that an error in a large block points at the culprit.
 */
public final class RlpException extends RuntimeException {
  private final int offset;

  public RlpException(String message, int offset) {
    super(message + " (at byte " + offset + ")");
    this.offset = offset;
  }

  public RlpException(String message) {
    super(message);
    this.offset = -1;
  }

  /** Byte offset in the outermost input, or -1 when not known. */
  public int offset() {
    return offset;
  }
}
