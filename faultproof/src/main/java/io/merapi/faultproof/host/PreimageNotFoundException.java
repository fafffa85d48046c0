package io.merapi.faultproof.host;

/**
 * The host cannot serve a requested key. The protocol cannot say so, so the host stops serving and
 * the program, reading the end of the stream, fails the run with this message in the host's log.
 */
public final class PreimageNotFoundException extends RuntimeException {
  public PreimageNotFoundException(String message) {
    super(message);
  }

  public PreimageNotFoundException(String message, Throwable cause) {
    super(message, cause);
  }
}
