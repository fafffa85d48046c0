package io.merapi.trie;

/** A Merkle proof that does not lead from the claimed root to an answer for the key. */
public final class InvalidProofException extends TrieException {
  public InvalidProofException(String message) {
    super(message);
  }

  public InvalidProofException(String message, Throwable cause) {
    super(message, cause);
  }
}
