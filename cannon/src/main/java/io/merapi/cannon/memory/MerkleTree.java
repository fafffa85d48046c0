package io.merapi.cannon.memory;

import io.merapi.base.crypto.Keccak256;
import java.util.ArrayList;
import java.util.List;

/**
 * The spec's binary Merkle tree over the address space's 32-byte leaves (depth 59 below the root),
 * with subtree hashes cached: a write only marks its page dirty, and a root or proof rehashes just
 * the dirty pages' paths. See specs/fault-proof/cannon-fault-proof-vm.md "Memory".
 */
public final class MerkleTree {
  /** Levels above the page roots: 64 address bits minus 12 page-offset bits. */
  static final int UPPER_LEVELS = 64 - Memory.PAGE_ADDR_SIZE;

  /** Levels inside a page: 128 leaves of 32 bytes. */
  static final int PAGE_LEVELS = 7;

  /** Leaf value plus 59 siblings, 32 bytes each, as the on-chain MIPS64Memory reads them. */
  public static final int PROOF_SIZE = 60 * 32;

  /** zeroHashes[i] = root of an all-zero subtree of height i (i = 0 is a 32-byte zero leaf). */
  static final byte[][] ZERO_HASHES = new byte[PAGE_LEVELS + UPPER_LEVELS + 1][];

  static {
    ZERO_HASHES[0] = new byte[32];
    for (int i = 1; i < ZERO_HASHES.length; i++) {
      ZERO_HASHES[i] = hashPair(ZERO_HASHES[i - 1], ZERO_HASHES[i - 1]);
    }
  }

  private final LongMap<long[]> pages;

  /** Hashes of non-empty nodes by level above the pages: level 0 = page roots. */
  private final List<LongMap<byte[]>> nodes = new ArrayList<>();

  private final LongMap<Boolean> dirty = new LongMap<>();

  MerkleTree(LongMap<long[]> pages) {
    this.pages = pages;
    for (int i = 0; i <= UPPER_LEVELS; i++) {
      nodes.add(new LongMap<>());
    }
  }

  void markDirty(long pageIndex) {
    dirty.put(pageIndex, Boolean.TRUE);
  }

  boolean isDirty(long pageIndex) {
    return dirty.get(pageIndex) != null;
  }

  /** The root, recomputing only the paths of pages written since the last call. */
  byte[] root() {
    flush();
    byte[] root = nodes.get(UPPER_LEVELS).get(0);
    return root == null ? ZERO_HASHES[PAGE_LEVELS + UPPER_LEVELS].clone() : root.clone();
  }

  /**
   * The proof for the word at {@code addr} in the layout MIPS64Memory.readMem consumes: the 32-byte
   * leaf holding the word, then 59 siblings from the bottom up.
   */
  byte[] proof(long addr) {
    flush();
    byte[] out = new byte[PROOF_SIZE];
    long index = addr >>> Memory.PAGE_ADDR_SIZE;
    byte[][] tree = pageTree(pages.get(index)); // heap-ordered: tree[1] root, leaves at [128, 256)
    int leaf = (int) ((addr & Memory.PAGE_ADDR_MASK) >>> 5);
    int node = 128 + leaf;
    System.arraycopy(tree[node], 0, out, 0, 32);
    int pos = 32;
    for (int level = 0; level < PAGE_LEVELS; level++) {
      System.arraycopy(tree[node ^ 1], 0, out, pos, 32);
      pos += 32;
      node >>>= 1;
    }
    long n = index;
    for (int level = 0; level < UPPER_LEVELS; level++) {
      byte[] sibling = nodes.get(level).get(n ^ 1);
      System.arraycopy(
          sibling == null ? ZERO_HASHES[PAGE_LEVELS + level] : sibling, 0, out, pos, 32);
      pos += 32;
      n >>>= 1;
    }
    return out;
  }

  /** Returns whether anything was rehashed (the memory's write cache must then re-mark pages). */
  boolean flush() {
    if (dirty.size() == 0) {
      return false;
    }
    long[] changed = dirty.keys();
    dirty.clear();
    for (long index : changed) {
      nodes.get(0).put(index, pageTree(pages.get(index))[1]);
    }
    for (int level = 1; level <= UPPER_LEVELS; level++) {
      LongMap<Boolean> parents = new LongMap<>();
      for (long child : changed) {
        parents.put(child >>> 1, Boolean.TRUE);
      }
      changed = parents.keys();
      byte[] zero = ZERO_HASHES[PAGE_LEVELS + level - 1];
      for (long parent : changed) {
        byte[] left = nodes.get(level - 1).get(parent << 1);
        byte[] right = nodes.get(level - 1).get((parent << 1) | 1);
        nodes
            .get(level)
            .put(parent, hashPair(left == null ? zero : left, right == null ? zero : right));
      }
    }
    return true;
  }

  /** The page's 255 subtree hashes, heap-ordered (index 1 = page root). */
  private static byte[][] pageTree(long[] page) {
    byte[][] tree = new byte[256][];
    byte[] leaf = new byte[32];
    for (int i = 0; i < 128; i++) {
      boolean zero = true;
      for (int j = 0; j < 4; j++) {
        long w = page == null ? 0 : page[i * 4 + j];
        zero &= w == 0;
        for (int b = 0; b < 8; b++) {
          leaf[j * 8 + b] = (byte) (w >>> (56 - 8 * b));
        }
      }
      tree[128 + i] = zero ? ZERO_HASHES[0] : leaf.clone();
    }
    for (int i = 127; i >= 1; i--) {
      tree[i] = hashPair(tree[2 * i], tree[2 * i + 1]);
    }
    return tree;
  }

  /**
   * The root a proof in {@link #proof}'s layout (at {@code offset} in {@code data}) gives for the
   * address {@code addr} when its leaf is {@code leaf}: the contract's path computation, 59 levels
   * from the 32-byte leaf up.
   */
  public static byte[] rootFromProof(byte[] data, int offset, byte[] leaf, long addr) {
    byte[] node = leaf;
    byte[] sibling = new byte[32];
    long path = addr >>> 5;
    for (int i = 0; i < UPPER_LEVELS + PAGE_LEVELS; i++) {
      System.arraycopy(data, offset + 32 * (i + 1), sibling, 0, 32);
      node = ((path >>> i) & 1) == 0 ? hashPair(node, sibling) : hashPair(sibling, node);
    }
    return node;
  }

  public static byte[] hashPair(byte[] left, byte[] right) {
    byte[] buf = new byte[64];
    System.arraycopy(left, 0, buf, 0, 32);
    System.arraycopy(right, 0, buf, 32, 32);
    return Keccak256.hash(buf);
  }

  /** Checks the cached tree against a root computed from scratch (tests use this). */
  byte[] rootFromScratch() {
    LongMap<byte[]> level = new LongMap<>();
    for (long index : pages.keys()) {
      level.put(index, pageTree(pages.get(index))[1]);
    }
    for (int l = 1; l <= UPPER_LEVELS; l++) {
      LongMap<byte[]> up = new LongMap<>();
      byte[] zero = ZERO_HASHES[PAGE_LEVELS + l - 1];
      for (long child : level.keys()) {
        long parent = child >>> 1;
        if (up.get(parent) != null) {
          continue;
        }
        byte[] left = level.get(parent << 1);
        byte[] right = level.get((parent << 1) | 1);
        up.put(parent, hashPair(left == null ? zero : left, right == null ? zero : right));
      }
      level = up;
    }
    byte[] root = level.get(0);
    return root == null ? ZERO_HASHES[PAGE_LEVELS + UPPER_LEVELS].clone() : root;
  }
}
