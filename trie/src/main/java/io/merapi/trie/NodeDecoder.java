package io.merapi.trie;

import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;

/**
 * Reads node RLP back into nodes, strictly: only the one canonical encoding of each node is
 * accepted (canonical RLP, hex-prefix flags 0 to 3 with a zero pad nibble, 16 children and a value
 * in a branch, a non-empty value in a leaf, children shorter than 32 bytes inlined and longer ones
 * referenced by a 32-byte hash), so that decoding and encoding again gives the same bytes.
 */
final class NodeDecoder {
  private NodeDecoder() {}

  /** Decodes a whole node; the caller sets its {@link Node#ref}. */
  static Node decode(byte[] rlp, Object owner) {
    try {
      RlpReader outer = RlpReader.of(rlp);
      RlpReader items = outer.readList();
      outer.ensureEnd();
      RlpReader counter = RlpReader.of(rlp).readList();
      int count = 0;
      while (counter.hasNext()) {
        counter.skip();
        count++;
      }
      return decodeItems(items, count, owner);
    } catch (RlpException e) {
      throw new InvalidNodeException("trie node is not valid RLP: " + e.getMessage(), e);
    }
  }

  private static Node decodeItems(RlpReader items, int count, Object owner) {
    Node node;
    if (count == 2) {
      node = shortNode(items, owner);
    } else if (count == 17) {
      node = branch(items, owner);
    } else {
      throw new InvalidNodeException("trie node has " + count + " items, not 2 or 17");
    }
    items.ensureEnd();
    node.dirty = false;
    return node;
  }

  private static Node shortNode(RlpReader items, Object owner) {
    byte[] hexPrefix = items.readBytes();
    if (hexPrefix.length == 0) {
      throw new InvalidNodeException("empty hex-prefix path");
    }
    int flag = (hexPrefix[0] >> 4) & 0x0f;
    if (flag > 3) {
      throw new InvalidNodeException("hex-prefix flag " + flag + " is not 0 to 3");
    }
    boolean odd = (flag & 1) == 1;
    if (!odd && (hexPrefix[0] & 0x0f) != 0) {
      throw new InvalidNodeException("hex-prefix of an even path has a non-zero pad nibble");
    }
    byte[] path = new byte[(hexPrefix.length - 1) * 2 + (odd ? 1 : 0)];
    int n = 0;
    if (odd) {
      path[n++] = (byte) (hexPrefix[0] & 0x0f);
    }
    for (int i = 1; i < hexPrefix.length; i++) {
      path[n++] = (byte) ((hexPrefix[i] >> 4) & 0x0f);
      path[n++] = (byte) (hexPrefix[i] & 0x0f);
    }
    boolean leaf = flag >= 2;
    if (leaf) {
      byte[] value = items.readBytes();
      if (value.length == 0) {
        throw new InvalidNodeException("leaf with an empty value");
      }
      return new Node.Leaf(owner, path, 0, value);
    }
    if (path.length == 0) {
      throw new InvalidNodeException("extension with an empty path");
    }
    Node child = child(items, owner);
    if (child instanceof Node.Empty
        || child instanceof Node.Leaf
        || child instanceof Node.Extension) {
      throw new InvalidNodeException("extension whose child is not a branch");
    }
    return new Node.Extension(owner, path, 0, path.length, child);
  }

  private static Node branch(RlpReader items, Object owner) {
    Node[] children = new Node[16];
    for (int i = 0; i < 16; i++) {
      children[i] = child(items, owner);
    }
    byte[] value = items.readBytes();
    return new Node.Branch(owner, children, value.length == 0 ? Node.NO_VALUE : value);
  }

  /** A child reference: the empty string, a 32-byte hash, or an inlined node under 32 bytes. */
  private static Node child(RlpReader items, Object owner) {
    if (items.nextIsList()) {
      byte[] raw = items.readRaw();
      if (raw.length >= 32) {
        throw new InvalidNodeException(
            "inlined child of " + raw.length + " bytes (32 or more must be hashed)");
      }
      Node inline = decode(raw, owner);
      inline.ref = raw;
      return inline;
    }
    byte[] value = items.readBytes();
    if (value.length == 0) {
      return Node.Empty.INSTANCE;
    }
    if (value.length != 32) {
      throw new InvalidNodeException("child reference of " + value.length + " bytes");
    }
    return new Node.HashRef(value);
  }
}
