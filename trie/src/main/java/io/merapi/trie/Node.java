package io.merapi.trie;

/**
 * The node kinds of the Yellow Paper's trie (appendix D): nothing, a leaf, an extension, a branch,
 * and a node known only by its hash that is still in the {@link NodeSource}.
 *
 * <p>An abstract class rather than an interface because every kind carries the same three pieces of
 * bookkeeping, which is where the speed comes from:
 *
 * <ul>
 *   <li>{@link #ref}: the cached reference a parent embeds, so that a root after a batch of updates
 *       rehashes only the changed paths;
 *   <li>{@link #dirty}: created or changed since the last commit, so a commit writes only new
 *       nodes;
 *   <li>{@link #owner}: the trie that may change this node in place. Updates mutate the nodes a
 *       trie created itself and copy the ones it shares (after {@link MerklePatriciaTrie#copy()}),
 *       so a batch of a million puts does not copy a path per put.
 * </ul>
 */
abstract sealed class Node
    permits Node.Empty, Node.Leaf, Node.Extension, Node.Branch, Node.HashRef {
  /**
   * What a parent embeds for this node: the node's RLP when shorter than 32 bytes, otherwise its
   * keccak-256 (so a length of exactly 32 always means a hash). Null until computed.
   */
  byte[] ref;

  /** A branch without a value, and the value of no key. */
  static final byte[] NO_VALUE = new byte[0];

  boolean dirty;
  Object owner;

  Node(Object owner, boolean dirty) {
    this.owner = owner;
    this.dirty = dirty;
  }

  /** Forgets the cached reference after an in-place change. */
  final void changed() {
    ref = null;
    dirty = true;
  }

  /** The empty trie or an empty branch slot; RLP is the empty string. */
  static final class Empty extends Node {
    static final Empty INSTANCE = new Empty();

    private Empty() {
      super(null, false);
      ref = new byte[] {(byte) 0x80};
    }
  }

  /** The rest of a key, {@code path[from..]} in nibbles, and its value. */
  static final class Leaf extends Node {
    final byte[] path;
    int from;
    byte[] value;

    Leaf(Object owner, byte[] path, int from, byte[] value) {
      super(owner, true);
      this.path = path;
      this.from = from;
      this.value = value;
    }

    int length() {
      return path.length - from;
    }
  }

  /** A run of nibbles {@code path[from, to)} shared by every key below, then one child. */
  static final class Extension extends Node {
    final byte[] path;
    int from;
    int to;
    Node child;

    Extension(Object owner, byte[] path, int from, int to, Node child) {
      super(owner, true);
      this.path = path;
      this.from = from;
      this.to = to;
      this.child = child;
    }

    int length() {
      return to - from;
    }
  }

  /** Sixteen children, one per next nibble, and the value of a key ending here (or none). */
  static final class Branch extends Node {
    final Node[] children;
    byte[] value;

    Branch(Object owner) {
      super(owner, true);
      children = new Node[16];
      java.util.Arrays.fill(children, Empty.INSTANCE);
      value = NO_VALUE;
    }

    Branch(Object owner, Node[] children, byte[] value) {
      super(owner, true);
      this.children = children;
      this.value = value;
    }

    Branch copy(Object newOwner) {
      return new Branch(newOwner, children.clone(), value);
    }
  }

  /** A node stored in the node source under its hash, not loaded yet. */
  static final class HashRef extends Node {
    HashRef(byte[] hash) {
      super(null, false);
      ref = hash;
    }

    byte[] hash() {
      return ref;
    }
  }
}
