package io.merapi.state.block;

/**
 * A block that breaks a consensus rule: a header that does not follow from its parent, a body that
 * does not match its header, a transaction that may not be included, or results (gas used, bloom,
 * roots) that differ from the header's. The block must not be stored; the chain stays as it was.
 */
public final class InvalidBlockException extends RuntimeException {
  public InvalidBlockException(String message) {
    super(message);
  }

  public InvalidBlockException(String message, Throwable cause) {
    super(message, cause);
  }
}
