package io.merapi.trie;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The hexary Merkle Patricia trie of the Yellow Paper (appendix D) over byte-string keys.
 *
 * <p>Made for the way the state uses it: many updates, then one root. Updates change nodes in place
 * and only forget the cached references along their path; {@link #rootHash()} then hashes exactly
 * the nodes whose reference was forgotten. Nodes not in memory are loaded lazily from the {@link
 * NodeSource} the trie was opened on, and {@link #commit()} hands back the nodes created since the
 * last commit for the caller to write in one batch.
 *
 * <p>Values are kept without copying: callers must not change a value array after handing it over,
 * nor change one the trie returns (keys are copied). An empty value is the absence of a value, so
 * putting one deletes the key. Not thread-safe; {@link #copy()} gives an independent trie that
 * shares the unchanged nodes.
 */
public final class MerklePatriciaTrie implements Iterable<TrieEntry> {
  /** keccak256(rlp("")): the root of the empty trie. */
  public static final Hash EMPTY_ROOT = Keccak256.digest(new byte[] {(byte) 0x80});

  private final NodeSource source;
  private final NodeEncoder encoder = new NodeEncoder();
  private Object owner = new Object();
  private Node root;

  /** An empty trie that keeps everything in memory. */
  public MerklePatriciaTrie() {
    this(Node.Empty.INSTANCE, NodeSource.NONE);
  }

  private MerklePatriciaTrie(Node root, NodeSource source) {
    this.root = root;
    this.source = source;
  }

  /** The trie under {@code root}, whose nodes are read from {@code source} as they are needed. */
  public static MerklePatriciaTrie open(Hash root, NodeSource source) {
    Node node = root.equals(EMPTY_ROOT) ? Node.Empty.INSTANCE : new Node.HashRef(root.toArray());
    return new MerklePatriciaTrie(node, source);
  }

  public boolean isEmpty() {
    return root instanceof Node.Empty;
  }

  /** The value under {@code key}, or empty when there is none. */
  public Optional<byte[]> get(byte[] key) {
    byte[] path = Nibbles.of(key);
    int depth = 0;
    Node parent = null;
    int slot = -1;
    Node node = root;
    while (true) {
      switch (node) {
        case Node.Empty empty -> {
          return Optional.empty();
        }
        case Node.Leaf leaf -> {
          boolean match =
              Arrays.equals(leaf.path, leaf.from, leaf.path.length, path, depth, path.length);
          return match ? Optional.of(leaf.value) : Optional.empty();
        }
        case Node.Extension ext -> {
          int length = ext.length();
          if (path.length - depth < length
              || !Arrays.equals(ext.path, ext.from, ext.to, path, depth, depth + length)) {
            return Optional.empty();
          }
          depth += length;
          parent = ext;
          slot = -1;
          node = ext.child;
        }
        case Node.Branch branch -> {
          if (depth == path.length) {
            return branch.value.length == 0 ? Optional.empty() : Optional.of(branch.value);
          }
          parent = branch;
          slot = path[depth++];
          node = branch.children[slot];
        }
        case Node.HashRef ref -> {
          node = NodeLoader.load(source, ref, owner);
          keepLoaded(parent, slot, node);
        }
      }
    }
  }

  /** Sets {@code key} to {@code value}; an empty value deletes the key. */
  public void put(byte[] key, byte[] value) {
    if (value.length == 0) {
      delete(key);
      return;
    }
    root = insert(root, Nibbles.of(key), 0, value);
  }

  /** Removes {@code key}; nothing happens if it is absent. */
  public void delete(byte[] key) {
    root = remove(root, Nibbles.of(key), 0);
  }

  /**
   * The root hash: keccak-256 of the root node's RLP (even when that is shorter than 32 bytes).
   * Hashes only what changed since the last call.
   */
  public Hash rootHash() {
    if (root instanceof Node.HashRef ref) {
      return Hash.wrap(ref.hash());
    }
    byte[] ref = hash(root);
    return ref.length == 32 ? Hash.wrap(ref) : Keccak256.digest(ref);
  }

  /**
   * Computes the root and returns it with every node created or changed since the last commit, for
   * the caller to store in one atomic batch. The trie stays usable and keeps its nodes in memory;
   * {@link #open} on the returned root gives a fresh trie that loads them lazily instead.
   */
  public TrieCommit commit() {
    Hash rootHash = rootHash();
    List<EncodedNode> nodes = new ArrayList<>();
    collect(root, true, nodes);
    return new TrieCommit(rootHash, nodes);
  }

  /**
   * An independent trie with the same content. Both share the nodes that exist now and copy a node
   * before changing it, so the copy is cheap and neither sees the other's later updates.
   */
  public MerklePatriciaTrie copy() {
    // With every reference computed now, no trie will ever write to a shared node again (not even
    // to cache a hash), so the two may also live on different threads.
    rootHash();
    owner = new Object();
    return new MerklePatriciaTrie(root, source);
  }

  /**
   * The Merkle proof for {@code key}, present or absent: the RLP of every node on its path from the
   * root, as {@code eth_getProof} lists them (nodes inlined in their parent are not repeated).
   * Check one with {@link ProofVerifier}.
   */
  public List<Bytes> prove(byte[] key) {
    if (isEmpty()) {
      return List.of(); // the empty root needs no node to show that nothing is there
    }
    rootHash();
    byte[] path = Nibbles.of(key);
    List<Bytes> proof = new ArrayList<>();
    int depth = 0;
    Node node = root;
    boolean isRoot = true;
    while (true) {
      if (node instanceof Node.HashRef ref) {
        byte[] rlp = NodeLoader.rlp(source, ref);
        proof.add(Bytes.wrap(rlp));
        node = NodeDecoder.decode(rlp, null);
      } else if (isRoot || node.ref.length == 32) {
        proof.add(Bytes.wrap(encoder.copy(encoder.encode(node))));
      }
      isRoot = false;
      switch (node) {
        case Node.Extension ext -> {
          int length = ext.length();
          if (path.length - depth < length
              || !Arrays.equals(ext.path, ext.from, ext.to, path, depth, depth + length)) {
            return proof;
          }
          depth += length;
          node = ext.child;
        }
        case Node.Branch branch -> {
          if (depth == path.length) {
            return proof;
          }
          node = branch.children[path[depth++]];
        }
        default -> {
          return proof;
        }
      }
    }
  }

  /** Every entry in ascending key order (unsigned bytes, a key before its extensions). */
  @Override
  public Iterator<TrieEntry> iterator() {
    return TrieCursor.ascending(root, source, Nibbles.NONE);
  }

  /** The entries whose key is at least {@code start}, in ascending key order. */
  public Iterator<TrieEntry> ascendingFrom(byte[] start) {
    return TrieCursor.ascending(root, source, Nibbles.of(start));
  }

  /** The entries whose key is at most {@code start}, in descending key order. */
  public Iterator<TrieEntry> descendingFrom(byte[] start) {
    return TrieCursor.descending(root, source, Nibbles.of(start));
  }

  // Updates. Each returns the node that now stands where `node` stood. An owned node is changed in
  // place, so "changed" is not "a different object": a child changed in place has lost its ref.

  private Node insert(Node node, byte[] key, int depth, byte[] value) {
    return switch (node) {
      case Node.Empty empty -> new Node.Leaf(owner, key, depth, value);
      case Node.Leaf leaf -> insertAtLeaf(leaf, key, depth, value);
      case Node.Extension ext -> insertAtExtension(ext, key, depth, value);
      case Node.Branch branch -> {
        if (depth == key.length) {
          if (Arrays.equals(branch.value, value)) {
            yield branch;
          }
          Node.Branch changed = own(branch);
          changed.value = value;
          yield changed;
        }
        int slot = key[depth];
        Node old = branch.children[slot];
        Node child = insert(old, key, depth + 1, value);
        if (unchanged(old, child)) {
          keepLoaded(branch, slot, child);
          yield branch;
        }
        Node.Branch changed = own(branch);
        changed.children[slot] = child;
        yield changed;
      }
      case Node.HashRef ref -> insert(NodeLoader.load(source, ref, owner), key, depth, value);
    };
  }

  private Node insertAtLeaf(Node.Leaf leaf, byte[] key, int depth, byte[] value) {
    int leafLength = leaf.length();
    int keyLength = key.length - depth;
    int match =
        Nibbles.commonPrefix(leaf.path, leaf.from, leaf.path.length, key, depth, key.length);
    if (match == leafLength && match == keyLength) {
      if (Arrays.equals(leaf.value, value)) {
        return leaf;
      }
      Node.Leaf changed = own(leaf);
      changed.value = value;
      return changed;
    }
    // The two keys part after `match` nibbles: a branch there, an extension above it if needed.
    Node.Branch branch = new Node.Branch(owner);
    if (match == leafLength) {
      branch.value = leaf.value;
    } else {
      int slot = leaf.path[leaf.from + match];
      int from = leaf.from + match + 1;
      Node.Leaf moved = own(leaf);
      moved.from = from;
      branch.children[slot] = moved;
    }
    if (match == keyLength) {
      branch.value = value;
    } else {
      branch.children[key[depth + match]] = new Node.Leaf(owner, key, depth + match + 1, value);
    }
    return match == 0 ? branch : new Node.Extension(owner, key, depth, depth + match, branch);
  }

  private Node insertAtExtension(Node.Extension ext, byte[] key, int depth, byte[] value) {
    int extLength = ext.length();
    int match = Nibbles.commonPrefix(ext.path, ext.from, ext.to, key, depth, key.length);
    if (match == extLength) {
      Node old = ext.child;
      Node child = insert(old, key, depth + extLength, value);
      if (unchanged(old, child)) {
        keepLoaded(ext, -1, child);
        return ext;
      }
      Node.Extension changed = own(ext);
      changed.child = child;
      return changed;
    }
    Node.Branch branch = new Node.Branch(owner);
    int slot = ext.path[ext.from + match];
    branch.children[slot] =
        match + 1 == extLength
            ? ext.child
            : new Node.Extension(owner, ext.path, ext.from + match + 1, ext.to, ext.child);
    if (match == key.length - depth) {
      branch.value = value;
    } else {
      branch.children[key[depth + match]] = new Node.Leaf(owner, key, depth + match + 1, value);
    }
    return match == 0
        ? branch
        : new Node.Extension(owner, ext.path, ext.from, ext.from + match, branch);
  }

  private Node remove(Node node, byte[] key, int depth) {
    return switch (node) {
      case Node.Empty empty -> empty;
      case Node.Leaf leaf ->
          Arrays.equals(leaf.path, leaf.from, leaf.path.length, key, depth, key.length)
              ? Node.Empty.INSTANCE
              : leaf;
      case Node.Extension ext -> {
        int length = ext.length();
        if (key.length - depth < length
            || !Arrays.equals(ext.path, ext.from, ext.to, key, depth, depth + length)) {
          yield ext;
        }
        Node old = ext.child;
        Node child = remove(old, key, depth + length);
        if (unchanged(old, child)) {
          keepLoaded(ext, -1, child);
          yield ext;
        }
        yield joinExtension(ext, child);
      }
      case Node.Branch branch -> {
        boolean atValue = depth == key.length;
        int slot = atValue ? -1 : key[depth];
        Node child = Node.Empty.INSTANCE;
        if (atValue) {
          if (branch.value.length == 0) {
            yield branch;
          }
        } else {
          Node old = branch.children[slot];
          child = remove(old, key, depth + 1);
          if (unchanged(old, child)) {
            keepLoaded(branch, slot, child);
            yield branch;
          }
        }
        // Load a lone remaining child before changing anything, so that a missing node leaves the
        // trie as it was.
        Node lone = loneChild(branch, slot, child, atValue);
        Node.Branch changed = own(branch);
        if (atValue) {
          changed.value = Node.NO_VALUE;
        } else {
          changed.children[slot] = child;
        }
        yield collapse(changed, lone);
      }
      case Node.HashRef ref -> remove(NodeLoader.load(source, ref, owner), key, depth);
    };
  }

  /** An extension over a changed child, merged with it when the child is no longer a branch. */
  private Node joinExtension(Node.Extension ext, Node child) {
    return switch (child) {
      case Node.Empty empty -> empty;
      case Node.Leaf leaf ->
          new Node.Leaf(
              owner,
              Nibbles.concat(ext.path, ext.from, ext.to, leaf.path, leaf.from, leaf.path.length),
              0,
              leaf.value);
      case Node.Extension below -> {
        byte[] path = Nibbles.concat(ext.path, ext.from, ext.to, below.path, below.from, below.to);
        yield new Node.Extension(owner, path, 0, path.length, below.child);
      }
      case Node.Branch branch -> {
        Node.Extension changed = own(ext);
        changed.child = branch;
        yield changed;
      }
      case Node.HashRef ref -> joinExtension(ext, NodeLoader.load(source, ref, owner));
    };
  }

  /**
   * The only entry left in {@code branch} once slot {@code slot} holds {@code child} (or the value
   * is gone), loaded if it is stored; {@link Node.Empty} when more than one entry is left or the
   * only one is the value.
   */
  private Node loneChild(Node.Branch branch, int slot, Node child, boolean valueRemoved) {
    if (!valueRemoved && branch.value.length > 0) {
      return Node.Empty.INSTANCE;
    }
    Node lone = Node.Empty.INSTANCE;
    for (int i = 0; i < 16; i++) {
      Node c = i == slot ? child : branch.children[i];
      if (!(c instanceof Node.Empty)) {
        if (!(lone instanceof Node.Empty)) {
          return Node.Empty.INSTANCE;
        }
        lone = c;
      }
    }
    return lone instanceof Node.HashRef ref ? NodeLoader.load(source, ref, owner) : lone;
  }

  /**
   * A branch left with a single entry becomes a leaf or an extension, so the trie stays the one
   * minimal shape for its content. {@code lone} is that entry when it is a child, loaded.
   */
  private Node collapse(Node.Branch branch, Node lone) {
    int count = 0;
    int only = -1;
    for (int i = 0; i < 16; i++) {
      if (!(branch.children[i] instanceof Node.Empty)) {
        count++;
        only = i;
      }
    }
    boolean hasValue = branch.value.length > 0;
    if (count + (hasValue ? 1 : 0) >= 2) {
      return branch;
    }
    if (count == 0) {
      return hasValue ? new Node.Leaf(owner, Nibbles.NONE, 0, branch.value) : Node.Empty.INSTANCE;
    }
    return switch (lone) {
      case Node.Leaf leaf ->
          new Node.Leaf(
              owner, Nibbles.prepend(only, leaf.path, leaf.from, leaf.path.length), 0, leaf.value);
      case Node.Extension ext ->
          new Node.Extension(
              owner,
              Nibbles.prepend(only, ext.path, ext.from, ext.to),
              0,
              ext.length() + 1,
              ext.child);
      case Node.Branch below -> new Node.Extension(owner, new byte[] {(byte) only}, 0, 1, below);
      case Node.Empty empty -> throw new IllegalStateException("lone child not found");
      case Node.HashRef ref -> throw new IllegalStateException("lone child not loaded");
    };
  }

  /**
   * True if {@code now} (returned for {@code old}) is the same content: untouched (its reference is
   * still known) and either the same object or the loaded form of the same stored node.
   */
  private static boolean unchanged(Node old, Node now) {
    return now.ref != null && (now == old || now.ref == old.ref);
  }

  /** Keeps a node loaded from the source in its parent, if this trie owns the parent. */
  private void keepLoaded(Node parent, int slot, Node loaded) {
    if (parent == null) {
      if (root instanceof Node.HashRef) {
        root = loaded;
      }
      return;
    }
    if (parent.owner != owner) {
      return;
    }
    switch (parent) {
      case Node.Branch branch -> branch.children[slot] = loaded;
      case Node.Extension ext -> ext.child = loaded;
      default -> {}
    }
  }

  private Node.Branch own(Node.Branch branch) {
    if (branch.owner == owner) {
      branch.changed();
      return branch;
    }
    return branch.copy(owner);
  }

  private Node.Extension own(Node.Extension ext) {
    if (ext.owner == owner) {
      ext.changed();
      return ext;
    }
    return new Node.Extension(owner, ext.path, ext.from, ext.to, ext.child);
  }

  private Node.Leaf own(Node.Leaf leaf) {
    if (leaf.owner == owner) {
      leaf.changed();
      return leaf;
    }
    return new Node.Leaf(owner, leaf.path, leaf.from, leaf.value);
  }

  // Hashing and committing.

  private byte[] hash(Node node) {
    if (node.ref != null) {
      return node.ref;
    }
    switch (node) {
      case Node.Extension ext -> hash(ext.child);
      case Node.Branch branch -> {
        for (Node child : branch.children) {
          if (child.ref == null) {
            hash(child);
          }
        }
      }
      default -> {}
    }
    byte[] ref = encoder.reference(encoder.encode(node));
    node.ref = ref;
    return ref;
  }

  private void collect(Node node, boolean isRoot, List<EncodedNode> out) {
    if (!node.dirty) {
      return;
    }
    switch (node) {
      case Node.Extension ext -> collect(ext.child, false, out);
      case Node.Branch branch -> {
        for (Node child : branch.children) {
          collect(child, false, out);
        }
      }
      default -> {}
    }
    if (node.ref.length == 32 || isRoot) {
      int length = encoder.encode(node);
      Hash hash = node.ref.length == 32 ? Hash.wrap(node.ref) : Hash.wrap(encoder.hash(length));
      out.add(new EncodedNode(hash, Bytes.wrap(encoder.copy(length))));
    }
    // A node shared with a copy keeps its flag: the copy has not committed it.
    if (node.owner == owner) {
      node.dirty = false;
    }
  }
}
