package io.merapi.faultproof.preimage;

/**
 * Where the host's server finds the value of a requested key (op-preimage's {@code
 * PreimageGetter}). Throws when it cannot: the server then stops, since the protocol has no way to
 * say "not found" and the program cannot go on without the value.
 */
@FunctionalInterface
public interface PreimageSource {
  byte[] preimage(PreimageKey key);
}
