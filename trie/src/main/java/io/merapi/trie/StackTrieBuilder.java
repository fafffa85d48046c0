package io.merapi.trie;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The root of a trie whose keys arrive in strictly ascending order, without building the trie.
 *
 * <p>Only the rightmost path is open: one frame per branch on it, deepest last. When the next key
 * parts from the previous one at nibble {@code d}, every branch below {@code d} is complete (no
 * later key can reach it), so it is encoded, hashed into its parent's slot and its frame reused.
 * Memory is one frame per branch depth, whatever the number of keys, and each node is encoded and
 * hashed exactly once. This is the fast path for transaction, receipt and withdrawal roots, for a
 * genesis state, and for any root over keys that are already sorted (hashed account keys of a flat
 * state).
 *
 * <p>Keys and values are copied on {@link #add}, so callers may reuse their arrays. A key may be a
 * prefix of a later key (its value then sits in a branch). Not thread-safe.
 */
public final class StackTrieBuilder {
  private final NodeEncoder encoder = new NodeEncoder();
  private final Consumer<EncodedNode> sink;
  private final boolean keepNodes;

  /** Open branches, {@code frames[0..open)}, at strictly increasing depths. */
  private Frame[] frames = new Frame[8];

  private int open;

  /** The previous key in nibbles and its value, not placed yet: the next key decides where. */
  private byte[] previous = new byte[64];

  private int previousLength = -1;
  private byte[] value = new byte[64];
  private int valueLength;
  private byte[] previousKey = new byte[32];
  private int previousKeyLength;

  /** A builder that only computes the root. */
  public StackTrieBuilder() {
    this.sink = node -> {};
    this.keepNodes = false;
  }

  /**
   * A builder that also hands every hashed node to {@code sink} as it is completed (the root last),
   * for storing a trie built in bulk.
   */
  public StackTrieBuilder(Consumer<EncodedNode> sink) {
    this.sink = sink;
    this.keepNodes = true;
  }

  /** Adds the next key; it must sort strictly after the previous one. An empty value is refused. */
  public StackTrieBuilder add(byte[] key, byte[] value) {
    return add(key, 0, key.length, value, 0, value.length);
  }

  public StackTrieBuilder add(
      byte[] key, int keyOffset, int keyLength, byte[] value, int valueOffset, int valueLength) {
    if (valueLength == 0) {
      throw new IllegalArgumentException("a trie holds no empty values");
    }
    int common;
    if (previousLength < 0) {
      common = -1;
    } else {
      int order =
          Arrays.compareUnsigned(
              previousKey, 0, previousKeyLength, key, keyOffset, keyOffset + keyLength);
      if (order >= 0) {
        throw new IllegalArgumentException("keys must be added in strictly ascending order");
      }
      int mismatch =
          Arrays.mismatch(previousKey, 0, previousKeyLength, key, keyOffset, keyOffset + keyLength);
      common = 2 * mismatch;
      if (mismatch < previousKeyLength
          && ((previousKey[mismatch] ^ key[keyOffset + mismatch]) & 0xf0) == 0) {
        common++;
      }
      place(common);
      closeBelow(common);
    }
    remember(key, keyOffset, keyLength, value, valueOffset, valueLength);
    return this;
  }

  /** Finishes the trie and returns its root; the builder is then empty again. */
  public Hash rootHash() {
    Hash root;
    if (previousLength < 0) {
      root = MerklePatriciaTrie.EMPTY_ROOT;
    } else if (open == 0) {
      int length = encoder.leaf(previous, 0, previousLength, value, 0, valueLength);
      root = emitRoot(length);
    } else {
      place(-1);
      while (open > 1) {
        closeTop();
      }
      Frame frame = frames[0];
      int length = encodeBranch(frame);
      if (frame.depth > 0) {
        byte[] ref = new byte[32];
        int refLength = encoder.referenceInto(length, ref, 0);
        emitIfHashed(length, ref, 0, refLength);
        length = encoder.extension(previous, 0, frame.depth, ref, 0, refLength);
      }
      root = emitRoot(length);
    }
    reset();
    return root;
  }

  /** Drops everything added so far. */
  public void reset() {
    open = 0;
    previousLength = -1;
  }

  /**
   * Places the pending previous key in the deepest branch that holds it: the open branch on top, or
   * a new one where it parts from the new key at {@code common} (-1 when finishing).
   */
  private void place(int common) {
    if (common >= 0 && (open == 0 || frames[open - 1].depth < common)) {
      push(common);
    }
    Frame frame = frames[open - 1];
    int depth = frame.depth;
    if (depth == previousLength) {
      frame.setValue(value, valueLength);
      return;
    }
    int length = encoder.leaf(previous, depth + 1, previousLength, value, 0, valueLength);
    setChild(frame, previous[depth], length);
  }

  /** Completes every open branch deeper than {@code common}; afterwards the top is at it. */
  private void closeBelow(int common) {
    while (frames[open - 1].depth > common) {
      if (open == 1 || frames[open - 2].depth < common) {
        // The subtree on top hangs from a branch at `common` that does not exist yet.
        if (open == frames.length) {
          frames = Arrays.copyOf(frames, open * 2);
        }
        Frame top = frames[open - 1];
        frames[open - 1] = frames[open] == null ? new Frame() : frames[open];
        frames[open] = top;
        frames[open - 1].reset(common);
        open++;
      }
      closeTop();
    }
  }

  /** Encodes the top branch (under an extension if it is deeper than one below its parent). */
  private void closeTop() {
    Frame frame = frames[--open];
    Frame parent = frames[open - 1];
    int slot = previous[parent.depth];
    int length = encodeBranch(frame);
    if (frame.depth > parent.depth + 1) {
      // The branch's reference waits in the slot its extension will fill.
      int refLength = encoder.referenceInto(length, parent.refs, 32 * slot);
      emitIfHashed(length, parent.refs, 32 * slot, refLength);
      length =
          encoder.extension(
              previous, parent.depth + 1, frame.depth, parent.refs, 32 * slot, refLength);
    }
    setChild(parent, slot, length);
  }

  private int encodeBranch(Frame frame) {
    return encoder.branch(frame.refs, frame.refLengths, frame.value, 0, frame.valueLength);
  }

  /** Hashes (or inlines) the node just encoded into {@code frame}'s slot {@code nibble}. */
  private void setChild(Frame frame, int nibble, int length) {
    int refLength = encoder.referenceInto(length, frame.refs, 32 * nibble);
    frame.refLengths[nibble] = (byte) refLength;
    emitIfHashed(length, frame.refs, 32 * nibble, refLength);
  }

  /** Hands the node just encoded to the sink if it is stored on its own (referenced by hash). */
  private void emitIfHashed(int length, byte[] ref, int offset, int refLength) {
    if (keepNodes && refLength == 32) {
      sink.accept(new EncodedNode(Hash.copyOf(ref, offset), Bytes.wrap(encoder.copy(length))));
    }
  }

  private Hash emitRoot(int length) {
    Hash root = Hash.wrap(encoder.hash(length));
    if (keepNodes) {
      sink.accept(new EncodedNode(root, Bytes.wrap(encoder.copy(length))));
    }
    return root;
  }

  private void push(int depth) {
    if (open == frames.length) {
      frames = Arrays.copyOf(frames, open * 2);
    }
    if (frames[open] == null) {
      frames[open] = new Frame();
    }
    frames[open++].reset(depth);
  }

  private void remember(
      byte[] key, int keyOffset, int keyLength, byte[] newValue, int valueOffset, int length) {
    if (keyLength > previousKey.length) {
      previousKey = new byte[Math.max(keyLength, 2 * previousKey.length)];
      previous = new byte[2 * previousKey.length];
    }
    System.arraycopy(key, keyOffset, previousKey, 0, keyLength);
    previousKeyLength = keyLength;
    for (int i = 0; i < keyLength; i++) {
      previous[2 * i] = (byte) ((key[keyOffset + i] >> 4) & 0x0f);
      previous[2 * i + 1] = (byte) (key[keyOffset + i] & 0x0f);
    }
    previousLength = 2 * keyLength;
    if (length > value.length) {
      value = new byte[Math.max(length, 2 * value.length)];
    }
    System.arraycopy(newValue, valueOffset, value, 0, length);
    valueLength = length;
  }

  /** An open branch: child references in 32-byte slots (a length of 0 is an empty slot). */
  private static final class Frame {
    int depth;
    final byte[] refs = new byte[16 * 32];
    final byte[] refLengths = new byte[16];
    byte[] value = new byte[0];
    int valueLength;

    void reset(int depth) {
      this.depth = depth;
      Arrays.fill(refLengths, (byte) 0);
      valueLength = 0;
    }

    void setValue(byte[] source, int length) {
      if (value.length < length) {
        value = new byte[length];
      }
      System.arraycopy(source, 0, value, 0, length);
      valueLength = length;
    }
  }
}
