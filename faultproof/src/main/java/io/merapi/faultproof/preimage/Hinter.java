package io.merapi.faultproof.preimage;

/** Tells the host which pre-images the program will ask for next (op-preimage's {@code Hinter}). */
@FunctionalInterface
public interface Hinter {
  void hint(Hint hint);
}
