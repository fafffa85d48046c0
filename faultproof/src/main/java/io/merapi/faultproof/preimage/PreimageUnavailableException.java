package io.merapi.faultproof.preimage;

/**
 * The program could not get a pre-image or send a hint: the host closed the channel, broke the
 * protocol, or answered a value that is not the key's pre-image. The program cannot decide the
 * claim and exits 2.
 */
public final class PreimageUnavailableException extends RuntimeException {
  public PreimageUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public PreimageUnavailableException(String message) {
    super(message);
  }
}
