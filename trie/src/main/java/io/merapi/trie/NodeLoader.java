package io.merapi.trie;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;

/** Loads stored nodes and checks that they are what their hash says. */
final class NodeLoader {
  private NodeLoader() {}

  /** The stored RLP of {@code ref}, checked against its hash. */
  static byte[] rlp(NodeSource source, Node.HashRef ref) {
    Hash hash = Hash.wrap(ref.hash());
    byte[] rlp = source.node(hash).orElseThrow(() -> new MissingNodeException(hash));
    // A store that returns other bytes than were written must not become a wrong state root.
    byte[] actual = Keccak256.hash(rlp);
    if (!Arrays.equals(actual, ref.hash())) {
      throw new InvalidNodeException(
          "node stored under " + hash + " hashes to " + Hash.wrap(actual) + ": store is corrupt");
    }
    return rlp;
  }

  /** Loads and decodes {@code ref}; the node's reference is the very array of {@code ref}. */
  static Node load(NodeSource source, Node.HashRef ref, Object owner) {
    byte[] rlp = rlp(source, ref);
    Node node = NodeDecoder.decode(rlp, owner);
    // Only a root can be stored while shorter than 32 bytes; its parent-facing ref is itself.
    node.ref = rlp.length < 32 ? rlp : ref.hash();
    return node;
  }
}
