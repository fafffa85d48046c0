package io.merapi.cannon;

import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;

/**
 * The VM's 64-bit address space: 4 KiB pages allocated on first touch, held as 512 big-endian words
 * each, with the spec's binary Merkle tree over 32-byte leaves (depth 59 below the root).
 *
 * <p>Every VM access is to an aligned 8-byte word, so a page is a {@code long[512]}. Writes only
 * mark their page dirty; the tree is brought up to date when a root or a proof is asked for, and
 * then only along the paths of dirty pages (subtree hashes of clean pages and of the nodes above
 * them stay cached). See specs/fault-proof/cannon-fault-proof-vm.md "Memory".
 */
public final class Memory {
  public static final int PAGE_ADDR_SIZE = 12;
  public static final int PAGE_SIZE = 1 << PAGE_ADDR_SIZE;
  public static final long PAGE_ADDR_MASK = PAGE_SIZE - 1;
  static final int PAGE_WORDS = PAGE_SIZE / 8;

  /** Levels above the page roots: 64 address bits minus 12 page-offset bits. */
  static final int UPPER_LEVELS = 64 - PAGE_ADDR_SIZE;

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

  private final LongMap<long[]> pages = new LongMap<>();

  /** Hashes of non-empty nodes by level above the pages: level 0 = page roots. */
  private final java.util.List<LongMap<byte[]>> nodes = new java.util.ArrayList<>();

  private final LongMap<Boolean> dirty = new LongMap<>();
  // A one-entry lookup cache: most accesses hit the page touched last.
  private long lastPageIndex = -1;
  private long[] lastPage;
  private long fetchPageIndex = -1;
  private long[] fetchPage;
  private boolean lastPageDirty;

  public Memory() {
    for (int i = 0; i <= UPPER_LEVELS; i++) {
      nodes.add(new LongMap<>());
    }
  }

  public int pageCount() {
    return pages.size();
  }

  /** Reads the aligned word containing {@code addr} (the low 3 bits are ignored). */
  public long getWord(long addr) {
    long index = addr >>> PAGE_ADDR_SIZE;
    long[] page;
    if (index == lastPageIndex) {
      page = lastPage;
    } else {
      page = pages.get(index);
      if (page == null) {
        return 0;
      }
      lastPageIndex = index;
      lastPage = page;
      lastPageDirty = dirty.get(index) != null;
    }
    return page[(int) ((addr >>> 3) & (PAGE_WORDS - 1))];
  }

  /** Writes the aligned word containing {@code addr}, allocating its page when new. */
  public void setWord(long addr, long value) {
    long index = addr >>> PAGE_ADDR_SIZE;
    long[] page;
    if (index == lastPageIndex && lastPageDirty) {
      page = lastPage;
    } else {
      page = pages.get(index);
      if (page == null) {
        page = new long[PAGE_WORDS];
        pages.put(index, page);
      }
      dirty.put(index, Boolean.TRUE);
      lastPageIndex = index;
      lastPage = page;
      lastPageDirty = true;
    }
    page[(int) ((addr >>> 3) & (PAGE_WORDS - 1))] = value;
  }

  /** Reads the 32-bit instruction at {@code pc} (4-byte aligned; big-endian). */
  public int getInstruction(long pc) {
    // A separate one-page cache for fetches, so code and data pages do not evict each other.
    long index = pc >>> PAGE_ADDR_SIZE;
    if (index != fetchPageIndex) {
      long[] page = pages.get(index);
      if (page == null) {
        return 0;
      }
      fetchPageIndex = index;
      fetchPage = page;
    }
    long word = fetchPage[(int) ((pc >>> 3) & (PAGE_WORDS - 1))];
    return (pc & 4) == 0 ? (int) (word >>> 32) : (int) word;
  }

  /** Writes bytes starting at any address, word by word. */
  public void setBytes(long addr, byte[] data, int offset, int length) {
    for (int i = 0; i < length; i++) {
      long a = addr + i;
      int shift = (7 - (int) (a & 7)) * 8;
      long w = getWord(a);
      w = (w & ~(0xFFL << shift)) | ((data[offset + i] & 0xFFL) << shift);
      setWord(a, w);
    }
  }

  /** Reads {@code length} bytes starting at any address. */
  public byte[] getBytes(long addr, int length) {
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      long a = addr + i;
      out[i] = (byte) (getWord(a) >>> ((7 - (int) (a & 7)) * 8));
    }
    return out;
  }

  /** Maps zeroed pages over a range (page-granular), as the loader does for the stack. */
  public void allocate(long addr, long length) {
    for (long p = addr >>> PAGE_ADDR_SIZE; p <= (addr + length - 1) >>> PAGE_ADDR_SIZE; p++) {
      if (pages.get(p) == null) {
        pages.put(p, new long[PAGE_WORDS]);
        dirty.put(p, Boolean.TRUE);
      }
    }
    lastPageIndex = -1;
  }

  /** The Merkle root, recomputing only the paths of pages written since the last call. */
  public byte[] merkleRoot() {
    flush();
    byte[] root = nodes.get(UPPER_LEVELS).get(0);
    return root == null ? ZERO_HASHES[PAGE_LEVELS + UPPER_LEVELS].clone() : root.clone();
  }

  /**
   * The proof for the word at {@code addr} in the layout MIPS64Memory.readMem consumes: the 32-byte
   * leaf holding the word, then 59 siblings from the bottom up.
   */
  public byte[] merkleProof(long addr) {
    flush();
    byte[] out = new byte[PROOF_SIZE];
    long index = addr >>> PAGE_ADDR_SIZE;
    long[] page = pages.get(index);
    byte[][] tree = pageTree(page); // heap-ordered: tree[1] root, leaves at [128, 256)
    int leaf = (int) ((addr & PAGE_ADDR_MASK) >>> 5);
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

  private void flush() {
    if (dirty.size() == 0) {
      return;
    }
    long[] changed = dirty.keys();
    dirty.clear();
    lastPageDirty = false;
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

  static byte[] hashPair(byte[] left, byte[] right) {
    byte[] buf = new byte[64];
    System.arraycopy(left, 0, buf, 0, 32);
    System.arraycopy(right, 0, buf, 32, 32);
    return Keccak256.hash(buf);
  }

  /** Page indexes in ascending order (for serialization). */
  long[] pageIndexes() {
    long[] keys = pages.keys();
    Arrays.sort(keys);
    return keys;
  }

  long[] page(long index) {
    return pages.get(index);
  }

  void putPage(long index, long[] words) {
    pages.put(index, words);
    dirty.put(index, Boolean.TRUE);
    lastPageIndex = -1;
    fetchPageIndex = -1;
  }

  /** Checks the cached tree against a root computed from scratch (tests use this). */
  byte[] merkleRootFromScratch() {
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
