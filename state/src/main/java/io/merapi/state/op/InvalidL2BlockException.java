package io.merapi.state.op;

/** The payload attributes or their transactions do not make a valid L2 block; says why. */
public final class InvalidL2BlockException extends RuntimeException {
  public InvalidL2BlockException(String message) {
    super(message);
  }

  public InvalidL2BlockException(String message, Throwable cause) {
    super(message, cause);
  }
}
