package io.merapi.trie;

import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;

/**
 * Writes trie nodes as RLP into one reusable buffer (Yellow Paper appendix D, the node composition
 * function c): a leaf or extension is the list [hex-prefix(path), value or child], a branch the
 * list of 16 child references and a value. A child reference is the child's RLP itself when that is
 * shorter than 32 bytes, otherwise its keccak-256 as a 32-byte string.
 *
 * <p>Lengths are computed before writing so that nothing is moved afterwards, and the buffer is
 * hashed in place (base's one-shot keccak allocates nothing, which matters over a million nodes:
 * garbage there made the collector copy the freshly built trie again and again). Not thread-safe:
 * one encoder per trie or builder.
 */
final class NodeEncoder {
  private byte[] buffer = new byte[1024];
  private int size;

  byte[] buffer() {
    return buffer;
  }

  /** Encodes a node whose children all have their references computed; returns the length. */
  int encode(Node node) {
    return switch (node) {
      case Node.Empty empty -> emptyString();
      case Node.Leaf leaf ->
          leaf(leaf.path, leaf.from, leaf.path.length, leaf.value, 0, leaf.value.length);
      case Node.Extension ext -> extension(ext.path, ext.from, ext.to, ext.child.ref);
      case Node.Branch branch -> branch(branch.children, branch.value);
      case Node.HashRef hashRef ->
          throw new IllegalStateException("a stored node must be loaded before it is encoded");
    };
  }

  int emptyString() {
    ensure(1);
    buffer[0] = (byte) 0x80;
    return 1;
  }

  int leaf(byte[] path, int from, int to, byte[] value, int valueOffset, int valueLength) {
    int payload = hexPrefixLength(to - from) + stringLength(value, valueOffset, valueLength);
    start(payload);
    putHexPrefix(path, from, to, true);
    putString(value, valueOffset, valueLength);
    return size;
  }

  int extension(byte[] path, int from, int to, byte[] childRef) {
    return extension(path, from, to, childRef, 0, childRef.length);
  }

  int extension(byte[] path, int from, int to, byte[] childRef, int refOffset, int refLength) {
    int payload = hexPrefixLength(to - from) + refLength(refLength);
    start(payload);
    putHexPrefix(path, from, to, false);
    putRef(childRef, refOffset, refLength);
    return size;
  }

  int branch(Node[] children, byte[] value) {
    int payload = stringLength(value, 0, value.length);
    for (Node child : children) {
      payload += refLength(child.ref.length);
    }
    start(payload);
    for (Node child : children) {
      putRef(child.ref, 0, child.ref.length);
    }
    putString(value, 0, value.length);
    return size;
  }

  /**
   * A branch whose child references lie in {@code refs} at 32-byte slots, {@code refLengths[i]}
   * bytes each, 0 for an empty slot (the layout of {@link StackTrieBuilder}).
   */
  int branch(byte[] refs, byte[] refLengths, byte[] value, int valueOffset, int valueLength) {
    int payload = stringLength(value, valueOffset, valueLength);
    for (int i = 0; i < 16; i++) {
      payload += refLengths[i] == 0 ? 1 : refLength(refLengths[i]);
    }
    start(payload);
    for (int i = 0; i < 16; i++) {
      if (refLengths[i] == 0) {
        buffer[size++] = (byte) 0x80;
      } else {
        putRef(refs, 32 * i, refLengths[i]);
      }
    }
    putString(value, valueOffset, valueLength);
    return size;
  }

  /** The reference of the {@code length} bytes just encoded: themselves if short, else a hash. */
  byte[] reference(int length) {
    if (length < 32) {
      return Arrays.copyOf(buffer, length);
    }
    byte[] hash = new byte[32];
    Keccak256.hash(buffer, 0, length, hash, 0);
    return hash;
  }

  /** Writes the reference of the bytes just encoded to {@code out[offset..]}; returns its size. */
  int referenceInto(int length, byte[] out, int offset) {
    if (length < 32) {
      System.arraycopy(buffer, 0, out, offset, length);
      return length;
    }
    Keccak256.hash(buffer, 0, length, out, offset);
    return 32;
  }

  /** The keccak-256 of the bytes just encoded (a root is hashed whatever its length). */
  byte[] hash(int length) {
    byte[] hash = new byte[32];
    Keccak256.hash(buffer, 0, length, hash, 0);
    return hash;
  }

  byte[] copy(int length) {
    return Arrays.copyOf(buffer, length);
  }

  private void start(int payload) {
    ensure(headerLength(payload) + payload);
    size = 0;
    putHeader(0xc0, payload);
  }

  private void putHexPrefix(byte[] path, int from, int to, boolean leaf) {
    int count = to - from;
    int length = count / 2 + 1;
    // A one-byte hex-prefix is below 0x80 and so is its own RLP string.
    if (length > 1) {
      putHeader(0x80, length);
    }
    int flag = leaf ? 2 : 0;
    int i = from;
    if ((count & 1) == 1) {
      buffer[size++] = (byte) (((flag | 1) << 4) | path[i++]);
    } else {
      buffer[size++] = (byte) (flag << 4);
    }
    for (; i < to; i += 2) {
      buffer[size++] = (byte) ((path[i] << 4) | path[i + 1]);
    }
  }

  private void putString(byte[] value, int offset, int length) {
    if (length == 1 && (value[offset] & 0xff) < 0x80) {
      buffer[size++] = value[offset];
      return;
    }
    putHeader(0x80, length);
    System.arraycopy(value, offset, buffer, size, length);
    size += length;
  }

  private void putRef(byte[] ref, int offset, int length) {
    if (length == 32) {
      buffer[size++] = (byte) 0xa0;
    }
    System.arraycopy(ref, offset, buffer, size, length);
    size += length;
  }

  private void putHeader(int base, int length) {
    if (length < 56) {
      buffer[size++] = (byte) (base + length);
      return;
    }
    int lengthOfLength = byteLength(length);
    buffer[size++] = (byte) (base + 55 + lengthOfLength);
    for (int i = lengthOfLength - 1; i >= 0; i--) {
      buffer[size++] = (byte) (length >>> (8 * i));
    }
  }

  static int hexPrefixLength(int nibbles) {
    int length = nibbles / 2 + 1;
    return length == 1 ? 1 : headerLength(length) + length;
  }

  static int stringLength(byte[] value, int offset, int length) {
    if (length == 1 && (value[offset] & 0xff) < 0x80) {
      return 1;
    }
    return headerLength(length) + length;
  }

  static int refLength(int length) {
    return length == 32 ? 33 : length;
  }

  static int headerLength(int length) {
    return length < 56 ? 1 : 1 + byteLength(length);
  }

  private static int byteLength(int value) {
    return 4 - Integer.numberOfLeadingZeros(value) / 8;
  }

  private void ensure(int capacity) {
    if (capacity > buffer.length) {
      buffer = new byte[Math.max(capacity, buffer.length * 2)];
    }
  }
}
