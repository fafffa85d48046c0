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

  /**
   * A direct-mapped cache of pages by index (slot = index mod 64), shared by fetches and data
   * accesses: a program's code, stack and data pages rarely collide in it, so most accesses skip
   * the hash map. {@code marked[slot]} says the page is already marked dirty in the tree since its
   * last rehash, so a write to it needs no further bookkeeping.
   */
  private static final int CACHE_SLOTS = 64;

  private final long[] cachedIndex = new long[CACHE_SLOTS];
  private final long[][] cachedPage = new long[CACHE_SLOTS][];
  private final boolean[] marked = new boolean[CACHE_SLOTS];

  /**
   * The interpreter's decoded-instruction tables (two entries per word, 0 = not decoded), by page.
   * A page with a table is never left marked in the write cache, so every write to it takes the
   * slow path below, which zeroes the entries of the word it changes: code pages are rarely
   * written, and the fetch path then needs no check of its own.
   */
  private final LongMap<long[]> instructionTables = new LongMap<>();

  public Memory() {
    Arrays.fill(cachedIndex, -1);
  }

  public int pageCount() {
    return pages.size();
  }

  /** Reads the aligned word containing {@code addr} (the low 3 bits are ignored). */
  public long getWord(long addr) {
    long index = addr >>> PAGE_ADDR_SIZE;
    int slot = (int) index & (CACHE_SLOTS - 1);
    long[] page;
    if (cachedIndex[slot] == index) {
      page = cachedPage[slot];
    } else {
      page = pages.get(index);
      if (page == null) {
        return 0;
      }
      cache(slot, index, page, tree.isDirty(index) && instructionTables.get(index) == null);
    }
    return page[(int) ((addr >>> 3) & (PAGE_WORDS - 1))];
  }

  /** Writes the aligned word containing {@code addr}, allocating its page when new. */
  public void setWord(long addr, long value) {
    long index = addr >>> PAGE_ADDR_SIZE;
    int slot = (int) index & (CACHE_SLOTS - 1);
    long[] page;
    if (cachedIndex[slot] == index && marked[slot]) {
      page = cachedPage[slot];
    } else {
      page = pages.get(index);
      if (page == null) {
        page = new long[PAGE_WORDS];
        pages.put(index, page);
      }
      tree.markDirty(index);
      long[] table = instructionTables.size() == 0 ? null : instructionTables.get(index);
      if (table != null) {
        int word = (int) ((addr >>> 3) & (PAGE_WORDS - 1));
        table[2 * word] = 0;
        table[2 * word + 1] = 0;
      }
      cache(slot, index, page, table == null);
    }
    page[(int) ((addr >>> 3) & (PAGE_WORDS - 1))] = value;
  }

  /**
   * The decoded-instruction table of an existing page (created zeroed on first request): the
   * interpreter fills entries as it fetches, and any write to the page zeroes the two entries of
   * the word written (see {@link #setWord}).
   */
  public long[] instructionTable(long index) {
    long[] table = instructionTables.get(index);
    if (table == null) {
      table = new long[2 * PAGE_WORDS];
      instructionTables.put(index, table);
      int slot = (int) index & (CACHE_SLOTS - 1);
      if (cachedIndex[slot] == index) {
        marked[slot] = false; // the next write must take the slow path and clear entries
      }
    }
    return table;
  }

  /** Reads the 32-bit instruction at {@code pc} (4-byte aligned; big-endian). */
  public int getInstruction(long pc) {
    long word = getWord(pc);
    return (pc & 4) == 0 ? (int) (word >>> 32) : (int) word;
  }

  private void cache(int slot, long index, long[] page, boolean isMarked) {
    cachedIndex[slot] = index;
    cachedPage[slot] = page;
    marked[slot] = isMarked;
  }

  private void uncache(long index) {
    int slot = (int) index & (CACHE_SLOTS - 1);
    if (cachedIndex[slot] == index) {
      cachedIndex[slot] = -1;
      cachedPage[slot] = null;
    }
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
        uncache(p);
      }
    }
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
      Arrays.fill(marked, false); // the next write to each cached page must mark it dirty again
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
    long[] table = instructionTables.get(index);
    if (table != null) {
      Arrays.fill(table, 0);
    }
    tree.markDirty(index);
    uncache(index);
  }
}
