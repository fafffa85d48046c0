package io.merapi.cannon.oracle;

/**
 * The pre-image host failed: it exited, closed its channels, answered garbage or did not answer in
 * time. Not an invalid step: the run stops and the state stays as it was before the step.
 */
public final class PreimageHostException extends RuntimeException {
  public PreimageHostException(String message, Throwable cause) {
    super(message, cause);
  }

  public PreimageHostException(String message) {
    super(message);
  }
}
