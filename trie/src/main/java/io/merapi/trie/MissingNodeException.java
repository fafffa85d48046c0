package io.merapi.trie;

import io.merapi.base.bytes.Hash;

/**
 * The node source has no node under a hash the trie refers to: the state at that root is not (or no
 * longer) stored here. The trie is unchanged; the caller may fetch the node elsewhere.
 */
public final class MissingNodeException extends TrieException {
  private final Hash hash;

  public MissingNodeException(Hash hash) {
    super("trie node " + hash + " is not in the node source");
    this.hash = hash;
  }

  public Hash hash() {
    return hash;
  }
}
