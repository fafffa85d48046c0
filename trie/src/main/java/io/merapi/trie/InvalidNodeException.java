package io.merapi.trie;

/**
 * Stored bytes that are not the node they claim to be: not canonical node RLP, or not hashing to
 * the key they are stored under. The store is corrupt; retrying will not help.
 */
public final class InvalidNodeException extends TrieException {
  public InvalidNodeException(String message) {
    super(message);
  }

  public InvalidNodeException(String message, Throwable cause) {
    super(message, cause);
  }
}
