package io.merapi.cannon.proof;

/** A step's state or proof data do not hold together (a hash, a root or a length is wrong). */
public final class InvalidProofException extends RuntimeException {
  public InvalidProofException(String message) {
    super(message);
  }
}
