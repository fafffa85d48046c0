package io.merapi.state.op.stateless;

import io.merapi.base.bytes.Hash;

/**
 * The witness lacks a preimage that execution needs: a trie node or a contract's code, by its
 * keccak-256 hash. The witness does not cover the block; nothing is guessed.
 */
public final class MissingPreimageException extends RuntimeException {
  private final Hash hash;

  public MissingPreimageException(Hash hash, String what) {
    super("witness has no preimage for " + what + " " + hash);
    this.hash = hash;
  }

  public Hash hash() {
    return hash;
  }
}
