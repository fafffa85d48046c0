package io.merapi.faultproof.boot;

/** A boot input the program cannot use: the run cannot decide the claim and exits 2. */
public final class BootException extends RuntimeException {
  public BootException(String message) {
    super(message);
  }
}
