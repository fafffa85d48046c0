package io.merapi.execution.filter;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Hash;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.HeadChange;
import io.merapi.execution.chain.HeadListener;
import io.merapi.storage.Column;
import io.merapi.storage.KeyValueStore;
import io.merapi.storage.WriteBatch;
import io.merapi.types.block.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The on-disk bloom-bits index ({@link Column#BLOOM_BITS}): for each section of canonical blocks
 * that is {@value #CONFIRMATIONS} blocks behind the head, the {@link BloomBits} vectors, and the
 * hash of the section's last block.
 *
 * <p><b>Reorgs.</b> A section counts as indexed only while its recorded last block is still the
 * canonical block at that height. A reorg that reaches into an indexed section replaces that block
 * (every block of a section is its ancestor), so the section falls back to header scanning at once
 * and is indexed again, on the new chain, in the background.
 *
 * <p><b>Threads.</b> Sections are built on one background thread, started by head changes and once
 * at start-up; queries read concurrently.
 */
public final class BloomBitsIndex implements HeadListener, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(BloomBitsIndex.class);

  /** geth's {@code BloomConfirms}: sections this far behind the head are not reorganized. */
  public static final long CONFIRMATIONS = 256;

  private final KeyValueStore store;
  private final Blockchain chain;
  private final long confirmations;
  private final ExecutorService worker;
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private volatile boolean closed;

  public BloomBitsIndex(KeyValueStore store, Blockchain chain) {
    this(store, chain, CONFIRMATIONS, "bloom-bits-indexer");
  }

  /** ...whose thread is called {@code threadName}. */
  public BloomBitsIndex(KeyValueStore store, Blockchain chain, String threadName) {
    this(store, chain, CONFIRMATIONS, threadName);
  }

  BloomBitsIndex(KeyValueStore store, Blockchain chain, long confirmations) {
    this(store, chain, confirmations, "bloom-bits-indexer");
  }

  private BloomBitsIndex(
      KeyValueStore store, Blockchain chain, long confirmations, String threadName) {
    this.store = store;
    this.chain = chain;
    this.confirmations = confirmations;
    this.worker =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread thread = new Thread(task, threadName);
              thread.setDaemon(true);
              thread.setPriority(Thread.MIN_PRIORITY);
              return thread;
            });
  }

  /** Indexes what the chain already holds, in the background, and follows the head from now on. */
  public void start() {
    chain.addHeadListener(this);
    schedule();
  }

  @Override
  public void onHeadChange(HeadChange change) {
    schedule();
  }

  private void schedule() {
    if (!closed && scheduled.compareAndSet(false, true)) {
      worker.execute(
          () -> {
            scheduled.set(false);
            try {
              catchUp();
            } catch (RuntimeException e) {
              LOG.warn("bloom-bits indexing failed; log queries scan headers meanwhile", e);
            }
          });
    }
  }

  /** Sections whose every block is at least {@link #CONFIRMATIONS} behind the head. */
  long completeSections() {
    long settled = chain.head().number() + 1 - confirmations;
    return settled <= 0 ? 0 : settled / BloomBits.SECTION_SIZE;
  }

  /** Builds every complete section not indexed on the current chain; returns how many it built. */
  public int catchUp() {
    int built = 0;
    long sections = completeSections();
    for (long section = 0; section < sections && !closed; section++) {
      if (!isIndexed(section)) {
        if (!indexSection(section)) {
          break; // the chain moved under us; the next head change tries again
        }
        built++;
      }
    }
    return built;
  }

  /** Whether {@code section}'s vectors describe the current canonical chain. */
  public boolean isIndexed(long section) {
    Optional<Hash> recorded = store.get(Column.BLOOM_BITS, sectionKey(section)).map(Hash::wrap);
    if (recorded.isEmpty()) {
      return false;
    }
    long last = (section + 1) * BloomBits.SECTION_SIZE - 1;
    return chain.canonicalHash(last).filter(recorded.get()::equals).isPresent();
  }

  /** The stored vector of {@code bit} in {@code section}, all zero when none is stored. */
  public long[] vector(long section, int bit) {
    return store
        .get(Column.BLOOM_BITS, vectorKey(section, bit))
        .map(BloomBits::decode)
        .orElseGet(() -> new long[BloomBits.WORDS]);
  }

  private boolean indexSection(long section) {
    long first = section * BloomBits.SECTION_SIZE;
    List<LogsBloom> blooms = new ArrayList<>(BloomBits.SECTION_SIZE);
    Hash last = null;
    for (long n = first; n < first + BloomBits.SECTION_SIZE; n++) {
      Optional<Hash> hash = chain.canonicalHash(n);
      Optional<Header> header = hash.flatMap(chain::header);
      if (header.isEmpty()) {
        return false;
      }
      blooms.add(header.get().logsBloom());
      last = hash.get();
    }
    long[][] vectors = BloomBits.vectors(blooms);
    try (WriteBatch batch = store.batch()) {
      for (int bit = 0; bit < BloomBits.BLOOM_BITS; bit++) {
        if (BloomBits.isZero(vectors[bit])) {
          batch.delete(Column.BLOOM_BITS, vectorKey(section, bit));
        } else {
          batch.put(Column.BLOOM_BITS, vectorKey(section, bit), BloomBits.encode(vectors[bit]));
        }
      }
      batch.put(Column.BLOOM_BITS, sectionKey(section), last.array());
      batch.commit();
    }
    // The chain may have reorganized this section while it was read: then the recorded last
    // block is no longer canonical and the section simply counts as not indexed.
    LOG.debug("bloom-bits section {} indexed (blocks {} to {})", section, first, first + 4095);
    return true;
  }

  static byte[] sectionKey(long section) {
    byte[] key = new byte[8];
    putLong(key, section);
    return key;
  }

  static byte[] vectorKey(long section, int bit) {
    byte[] key = new byte[10];
    putLong(key, section);
    key[8] = (byte) (bit >>> 8);
    key[9] = (byte) bit;
    return key;
  }

  private static void putLong(byte[] out, long value) {
    for (int i = 7; i >= 0; i--) {
      out[i] = (byte) value;
      value >>>= 8;
    }
  }

  /** Waits for the indexing under way (tests and benchmarks). */
  public void awaitIdle() throws InterruptedException {
    java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
    worker.execute(done::countDown);
    done.await();
  }

  @Override
  public void close() {
    closed = true;
    chain.removeHeadListener(this);
    worker.shutdown();
    try {
      if (!worker.awaitTermination(30, TimeUnit.SECONDS)) {
        worker.shutdownNow();
      }
    } catch (InterruptedException e) {
      worker.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
