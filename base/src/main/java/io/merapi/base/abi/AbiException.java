package io.merapi.base.abi;

/** ABI data or a type that does not follow the ABI specification. */
public final class AbiException extends RuntimeException {
  public AbiException(String message) {
    super(message);
  }
}
