package io.merapi.evm.precompile.bn254;

/**
 * An input that EIP-196/197 rejects: a coordinate not below p, or a point off its curve or group.
 */
public final class InvalidPointException extends Exception {
  InvalidPointException(String message) {
    super(message, null, false, false);
  }
}
