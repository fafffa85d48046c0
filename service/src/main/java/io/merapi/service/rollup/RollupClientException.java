package io.merapi.service.rollup;

/**
 * A rollup-node call that failed: the node is unreachable after the retries, answered an error, or
 * answered JSON that is not what op-node serves. The message names the method and the cause.
 */
public final class RollupClientException extends RuntimeException {
  private final boolean temporary;

  public RollupClientException(String message, boolean temporary, Throwable cause) {
    super(message, cause);
    this.temporary = temporary;
  }

  /** Whether the same call may succeed later (the node was unreachable or busy). */
  public boolean temporary() {
    return temporary;
  }
}
