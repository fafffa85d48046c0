package io.merapi.explorer.source;

/**
 * An endpoint gave no usable answer after the retries (refused, timed out, HTTP 5xx): the page says
 * the endpoint is unreachable instead of failing.
 */
public final class SourceUnavailableException extends RuntimeException {
  private final String endpoint;

  public SourceUnavailableException(String endpoint, String message, Throwable cause) {
    super(endpoint + " is unreachable: " + message, cause);
    this.endpoint = endpoint;
  }

  public String endpoint() {
    return endpoint;
  }
}
