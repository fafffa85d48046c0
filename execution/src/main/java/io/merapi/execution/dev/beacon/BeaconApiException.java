package io.merapi.execution.dev.beacon;

/**
 * A beacon API request answered with an error: the HTTP status and the {@code {code, message}} body
 * beacon nodes send (the message prefixed with the status name, as Lighthouse does).
 */
public final class BeaconApiException extends RuntimeException {
  private final int status;

  private BeaconApiException(int status, String message) {
    super(message);
    this.status = status;
  }

  public static BeaconApiException badRequest(String message) {
    return new BeaconApiException(400, "BAD_REQUEST: " + message);
  }

  public static BeaconApiException notFound(String message) {
    return new BeaconApiException(404, "NOT_FOUND: " + message);
  }

  public static BeaconApiException methodNotAllowed(String method) {
    return new BeaconApiException(405, "METHOD_NOT_ALLOWED: " + method);
  }

  public int status() {
    return status;
  }
}
