package io.merapi.node.beacon;

import java.util.OptionalInt;

/**
 * A beacon API request that failed: no answer (connection, timeout), an HTTP error status, or an
 * answer that is not the JSON the API specifies.
 */
public final class BeaconApiException extends RuntimeException {
  private final OptionalInt status;

  BeaconApiException(String message, OptionalInt status, Throwable cause) {
    super(message, cause);
    this.status = status;
  }

  /** The HTTP status, if the server answered with an error status. */
  public OptionalInt status() {
    return status;
  }

  /** 404: the block (or, on older nodes, the endpoint) is not there. */
  public boolean isNotFound() {
    return status.orElse(0) == 404;
  }

  /**
   * The server does not offer this endpoint: 404, 405 and 501, and 410 Gone for the deprecated
   * {@code blob_sidecars} on nodes that dropped it.
   */
  public boolean isUnsupported() {
    int code = status.orElse(0);
    return code == 404 || code == 405 || code == 410 || code == 501;
  }

  /** Worth another try later: no answer, 5xx, 429. */
  public boolean isTemporary() {
    int code = status.orElse(-1);
    return code == -1 || code >= 500 || code == 429 || code == 408;
  }
}
