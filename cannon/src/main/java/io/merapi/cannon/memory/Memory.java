package io.merapi.cannon.memory;

import java.util.Arrays;

/**
 * The VM's 64-bit address space: 4 KiB pages allocated on first touch, held as 512 big-endian words
 * each. Every VM access is to an aligned 8-byte word, so a page is a {@code long[512]}. Writes mark
 * their page dirty in the {@link MerkleTree}, which rehashes only dirty paths when a root or a
 * proof is asked for.
 */
public final class Memory {
  public static final int PAGE_ADDR_SIZE = 12;
  public static final int PAGE_SIZE = 1 << PAGE_ADDR_SIZE;
  public static final long PAGE_ADDR_MASK = PAGE_SIZE - 1;
  public static final int PAGE_WORDS = PAGE_SIZE / 8;

  private final LongMap<long[]> pages = new LongMap<>();
  private final MerkleTree tree = new MerkleTree(pages);

  // A one-entry lookup cache: most accesses hit the page touched last.
  private long lastPageIndex = -1;
  private long[] lastPage;
  private boolean lastPageDirty;
  // A separate one-page cache for fetches, so code and data pages do not evict each other.
  private long fetchPageIndex = -1;
  private long[] fetchPage;

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
      lastPageDirty = tree.isDirty(index);
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
      tree.markDirty(index);
      lastPageIndex = index;
      lastPage = page;
      lastPageDirty = true;
    }
    page[(int) ((addr >>> 3) & (PAGE_WORDS - 1))] = value;
  }

  /** Reads the 32-bit instruction at {@code pc} (4-byte aligned; big-endian). */
  public int getInstruction(long pc) {
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
        tree.markDirty(p);
      }
    }
    lastPageIndex = -1;
  }

  /** The Merkle root of the whole address space. */
  public byte[] merkleRoot() {
    flushTree();
    return tree.root();
  }

  /** The Merkle proof of the word at {@code addr} (see {@link MerkleTree#proof}). */
  public byte[] merkleProof(long addr) {
    flushTree();
    return tree.proof(addr);
  }

  private void flushTree() {
    if (tree.flush()) {
      lastPageDirty = false; // the next write to the cached page must mark it dirty again
    }
  }

  /** The root computed from scratch, without the caches (tests check the cached tree with it). */
  public byte[] merkleRootFromScratch() {
    return tree.rootFromScratch();
  }

  /** Page indexes in ascending order (for serialization). */
  public long[] pageIndexes() {
    long[] keys = pages.keys();
    Arrays.sort(keys);
    return keys;
  }

  /** The page's words (live, not a copy), or null when the page was never touched. */
  public long[] page(long index) {
    return pages.get(index);
  }

  /** Installs a page read from a state file. */
  public void putPage(long index, long[] words) {
    pages.put(index, words);
    tree.markDirty(index);
    lastPageIndex = -1;
    fetchPageIndex = -1;
  }
}
