package io.merapi.evm.precompile.bls;

/** Invalid precompile input: a bad encoding, a point off the curve or outside the subgroup. */
public final class BlsInputException extends Exception {
  public BlsInputException(String message) {
    super(message);
  }
}
