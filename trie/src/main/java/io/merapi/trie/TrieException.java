package io.merapi.trie;

/** A trie that cannot be read as asked; the subclasses say what the caller can do about it. */
public abstract sealed class TrieException extends RuntimeException
    permits MissingNodeException, InvalidNodeException, InvalidProofException {
  TrieException(String message) {
    super(message);
  }

  TrieException(String message, Throwable cause) {
    super(message, cause);
  }
}
