package io.merapi.faultproof.preimage;

/** A value that is not the pre-image of the key it is offered for. */
public final class WrongPreimageException extends IllegalArgumentException {
  public WrongPreimageException(String message) {
    super(message);
  }
}
