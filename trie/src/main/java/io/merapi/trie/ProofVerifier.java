package io.merapi.trie;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a Merkle proof (the node list of {@code eth_getProof}) against a root. The nodes are
 * looked up by their hash, starting from the root, along the key's path: a proof whose nodes do not
 * chain from the root down to an answer for the key is refused, so a changed byte anywhere on the
 * path, or a missing node, is an {@link InvalidProofException}. Nodes that the path does not use
 * are ignored.
 */
public final class ProofVerifier {
  private ProofVerifier() {}

  /**
   * The value the proof shows for {@code key} under {@code root}: present, or empty when the proof
   * shows there is none.
   *
   * @throws InvalidProofException if the proof does not show either
   */
  public static Optional<byte[]> verify(Hash root, byte[] key, List<Bytes> proof) {
    if (root.equals(MerklePatriciaTrie.EMPTY_ROOT)) {
      return Optional.empty();
    }
    Map<ByteBuffer, byte[]> byHash = new HashMap<>();
    for (Bytes node : proof) {
      byHash.put(ByteBuffer.wrap(Keccak256.hash(node.array())), node.array());
    }
    byte[] path = Nibbles.of(key);
    int depth = 0;
    Node node = lookup(byHash, root.array());
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
          node = ext.child;
        }
        case Node.Branch branch -> {
          if (depth == path.length) {
            return branch.value.length == 0 ? Optional.empty() : Optional.of(branch.value);
          }
          node = branch.children[path[depth++]];
        }
        case Node.HashRef ref -> node = lookup(byHash, ref.hash());
      }
    }
  }

  private static Node lookup(Map<ByteBuffer, byte[]> byHash, byte[] hash) {
    byte[] rlp = byHash.get(ByteBuffer.wrap(hash));
    if (rlp == null) {
      throw new InvalidProofException("the proof lacks node " + Hash.wrap(hash.clone()));
    }
    try {
      return NodeDecoder.decode(rlp, null);
    } catch (InvalidNodeException e) {
      throw new InvalidProofException(
          "proof node " + Hash.wrap(hash.clone()) + ": " + e.getMessage(), e);
    }
  }
}
