package io.merapi.storage;

/**
 * How a RocksDB store is sized.
 *
 * @param blockCacheBytes the one LRU cache of uncompressed blocks, index and filter blocks, shared
 *     by all columns; memtables are charged to it too, up to {@code writeBufferBytes}
 * @param writeBufferBytes total memtable memory across all columns before they are flushed
 * @param backgroundJobs flush and compaction threads
 * @param syncWrites fsync the write-ahead log on every write: without it a process crash loses
 *     nothing (the log is in the OS page cache) and only a power loss can drop the last writes,
 *     never leaving a half-applied batch
 */
public record RocksDbConfig(
    long blockCacheBytes, long writeBufferBytes, int backgroundJobs, boolean syncWrites) {
  private static final long MIB = 1024 * 1024;

  public RocksDbConfig {
    if (blockCacheBytes < 8 * MIB || writeBufferBytes < 8 * MIB || backgroundJobs < 1) {
      throw new IllegalArgumentException(
          "cache and write buffers need at least 8 MiB and one background job");
    }
  }

  /**
   * For the machines this runs on (2 cores, 24 GiB): a 1 GiB block cache, 256 MiB of memtables, two
   * background jobs (one per core), no fsync per write.
   */
  public static RocksDbConfig defaults() {
    return new RocksDbConfig(1024 * MIB, 256 * MIB, 2, false);
  }

  /** Small, for tests that open many stores. */
  public static RocksDbConfig small() {
    return new RocksDbConfig(16 * MIB, 16 * MIB, 1, false);
  }
}
