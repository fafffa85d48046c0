package io.merapi.faultproof.preimage;

/**
 * The program's only input: the full pre-image of a key (op-preimage's {@code Oracle}). There is no
 * "not found": a host that cannot answer is a failed run, reported as {@link
 * PreimageUnavailableException}.
 */
@FunctionalInterface
public interface PreimageOracle {
  byte[] get(PreimageKey key);
}
