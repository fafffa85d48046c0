package io.merapi.storage;

import io.merapi.base.bytes.Bytes;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.FlushOptions;
import org.rocksdb.InfoLogLevel;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.Status;
import org.rocksdb.WALRecoveryMode;
import org.rocksdb.WriteBufferManager;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded on-disk store: RocksDB with one column family per {@link Column}.
 *
 * <p>Every write goes through RocksDB's write-ahead log before it is acknowledged, and a {@link
 * WriteBatch} is one log record, so a process killed at any point (kill -9 included) reopens with
 * every committed batch whole and no batch in part (point-in-time recovery of the log).
 *
 * <p>Native handles must not be used after close (that would crash the JVM rather than throw), so
 * every operation holds a read lock and {@link #close()} takes the write lock, closing any iterator
 * still open first.
 */
public final class RocksDbKeyValueStore implements KeyValueStore {
  private static final Logger LOG = LoggerFactory.getLogger(RocksDbKeyValueStore.class);

  static {
    RocksDB.loadLibrary();
  }

  private final Path directory;
  private final RocksDB db;
  private final Map<Column, ColumnFamilyHandle> handles;
  private final List<ColumnFamilyHandle> allHandles;
  private final List<AutoCloseable> resources;
  private final WriteOptions writeOptions;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final Set<Iter> openIterators = ConcurrentHashMap.newKeySet();
  private boolean closed;

  private RocksDbKeyValueStore(
      Path directory,
      RocksDB db,
      Map<Column, ColumnFamilyHandle> handles,
      List<ColumnFamilyHandle> allHandles,
      List<AutoCloseable> resources,
      WriteOptions writeOptions) {
    this.directory = directory;
    this.db = db;
    this.handles = handles;
    this.allHandles = allHandles;
    this.resources = resources;
    this.writeOptions = writeOptions;
  }

  public static RocksDbKeyValueStore open(Path directory) {
    return open(directory, RocksDbConfig.defaults());
  }

  /**
   * Opens the store in {@code directory}, creating it (and any missing column) if needed.
   *
   * @throws StoreLockedException if another process, or this one, has it open
   * @throws StoreCorruptedException if its files fail their checks
   */
  public static RocksDbKeyValueStore open(Path directory, RocksDbConfig config) {
    List<AutoCloseable> resources = new ArrayList<>();
    try {
      Files.createDirectories(directory);
      LRUCache cache = track(resources, new LRUCache(config.blockCacheBytes()));
      WriteBufferManager buffers =
          track(resources, new WriteBufferManager(config.writeBufferBytes(), cache));
      DBOptions options =
          track(resources, new DBOptions())
              .setCreateIfMissing(true)
              .setCreateMissingColumnFamilies(true)
              .setMaxBackgroundJobs(config.backgroundJobs())
              .setWriteBufferManager(buffers)
              .setWalRecoveryMode(WALRecoveryMode.PointInTimeRecovery)
              .setParanoidChecks(true)
              .setBytesPerSync(1 << 20)
              .setMaxTotalWalSize(config.writeBufferBytes() * 2)
              .setKeepLogFileNum(4)
              .setMaxOpenFiles(4096)
              .setInfoLogLevel(InfoLogLevel.WARN_LEVEL);
      ColumnFamilyOptions columnOptions = track(resources, columnOptions(config, cache, resources));

      List<ColumnFamilyDescriptor> descriptors = new ArrayList<>();
      for (Column column : Column.values()) {
        descriptors.add(new ColumnFamilyDescriptor(name(column), columnOptions));
      }
      // Families this version does not know (written by a newer one) must still be opened.
      for (byte[] existing : existingFamilies(directory)) {
        if (descriptors.stream().noneMatch(d -> Arrays.equals(d.getName(), existing))) {
          descriptors.add(new ColumnFamilyDescriptor(existing, columnOptions));
        }
      }
      List<ColumnFamilyHandle> allHandles = new ArrayList<>();
      RocksDB db = RocksDB.open(options, directory.toString(), descriptors, allHandles);
      Map<Column, ColumnFamilyHandle> handles = new EnumMap<>(Column.class);
      for (Column column : Column.values()) {
        handles.put(column, allHandles.get(column.ordinal()));
      }
      WriteOptions writeOptions = track(resources, new WriteOptions()).setSync(config.syncWrites());
      LOG.debug("opened RocksDB store at {}", directory);
      return new RocksDbKeyValueStore(directory, db, handles, allHandles, resources, writeOptions);
    } catch (RocksDBException e) {
      closeAll(resources);
      throw translate(directory, "open", e);
    } catch (java.io.IOException e) {
      closeAll(resources);
      throw new StorageException("cannot create the store directory " + directory, e);
    }
  }

  private static ColumnFamilyOptions columnOptions(
      RocksDbConfig config, LRUCache cache, List<AutoCloseable> resources) {
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            // Point lookups by hash dominate (trie nodes, code): a bloom filter spares most
            // reads of files that do not hold the key.
            .setFilterPolicy(track(resources, new BloomFilter(10, false)))
            .setBlockSize(16 * 1024)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setFormatVersion(5);
    return new ColumnFamilyOptions()
        .setTableFormatConfig(table)
        .setWriteBufferSize(Math.min(64L << 20, config.writeBufferBytes() / 2))
        .setLevelCompactionDynamicLevelBytes(true)
        .setCompressionType(CompressionType.LZ4_COMPRESSION)
        .setBottommostCompressionType(CompressionType.ZSTD_COMPRESSION);
  }

  private static List<byte[]> existingFamilies(Path directory) throws RocksDBException {
    if (!Files.exists(directory.resolve("CURRENT"))) {
      return List.of();
    }
    try (Options options = new Options()) {
      return RocksDB.listColumnFamilies(options, directory.toString());
    }
  }

  public Path directory() {
    return directory;
  }

  @Override
  public Optional<byte[]> get(Column column, byte[] key) {
    lock.readLock().lock();
    try {
      checkOpen();
      return Optional.ofNullable(db.get(handles.get(column), key));
    } catch (RocksDBException e) {
      throw translate(directory, "read", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void put(Column column, byte[] key, byte[] value) {
    lock.readLock().lock();
    try {
      checkOpen();
      db.put(handles.get(column), writeOptions, key, value);
    } catch (RocksDBException e) {
      throw translate(directory, "write", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void delete(Column column, byte[] key) {
    lock.readLock().lock();
    try {
      checkOpen();
      db.delete(handles.get(column), writeOptions, key);
    } catch (RocksDBException e) {
      throw translate(directory, "delete", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public WriteBatch batch() {
    checkOpen();
    return new Batch();
  }

  @Override
  public KeyValueIterator iterate(Column column, KeyRange range) {
    lock.readLock().lock();
    try {
      checkOpen();
      Iter iter = new Iter(handles.get(column), range);
      openIterators.add(iter);
      return iter;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Writes every memtable to disk files (the log already holds them; this shortens recovery). */
  public void flush() {
    lock.readLock().lock();
    try (FlushOptions options = new FlushOptions().setWaitForFlush(true)) {
      checkOpen();
      db.flush(options, allHandles);
    } catch (RocksDBException e) {
      throw translate(directory, "flush", e);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (Iter iter : openIterators) {
        iter.release();
      }
      openIterators.clear();
      allHandles.forEach(ColumnFamilyHandle::close);
      db.close();
      closeAll(resources);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("the store at " + directory + " is closed");
    }
  }

  private static byte[] name(Column column) {
    return column == Column.METADATA
        ? RocksDB.DEFAULT_COLUMN_FAMILY
        : column.familyName().getBytes(StandardCharsets.UTF_8);
  }

  private static <T extends AutoCloseable> T track(List<AutoCloseable> resources, T resource) {
    resources.add(resource);
    return resource;
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (int i = resources.size() - 1; i >= 0; i--) {
      try {
        resources.get(i).close();
      } catch (Exception e) {
        LOG.warn("closing a RocksDB resource failed", e);
      }
    }
  }

  /** RocksDB's status, as the exception that tells the caller what to do. */
  static StorageException translate(Path directory, String action, RocksDBException e) {
    Status status = e.getStatus();
    Status.Code code = status == null ? Status.Code.Undefined : status.getCode();
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (code == Status.Code.IOError && message.contains("lock")) {
      return new StoreLockedException(
          "the store at "
              + directory
              + " is in use by another process (or already open here): "
              + message,
          e);
    }
    if (code == Status.Code.Corruption) {
      return new StoreCorruptedException(
          "the store at " + directory + " is corrupted (" + action + "): " + message, e);
    }
    return new StorageException(
        "store at " + directory + ": " + action + " failed: " + code + ": " + message, e);
  }

  private final class Batch implements WriteBatch {
    private final org.rocksdb.WriteBatch batch = new org.rocksdb.WriteBatch();
    private boolean done;

    @Override
    public WriteBatch put(Column column, byte[] key, byte[] value) {
      checkUsable();
      try {
        batch.put(handles.get(column), key, value);
      } catch (RocksDBException e) {
        throw translate(directory, "batch put", e);
      }
      return this;
    }

    @Override
    public WriteBatch delete(Column column, byte[] key) {
      checkUsable();
      try {
        batch.delete(handles.get(column), key);
      } catch (RocksDBException e) {
        throw translate(directory, "batch delete", e);
      }
      return this;
    }

    @Override
    public int size() {
      return batch.count();
    }

    @Override
    public void commit() {
      checkUsable();
      lock.readLock().lock();
      try {
        checkOpen();
        db.write(writeOptions, batch);
        done = true;
      } catch (RocksDBException e) {
        throw translate(directory, "batch write", e);
      } finally {
        lock.readLock().unlock();
      }
    }

    @Override
    public void close() {
      done = true;
      batch.close();
    }

    private void checkUsable() {
      if (done) {
        throw new IllegalStateException("the batch was already committed or closed");
      }
    }
  }

  private final class Iter implements KeyValueIterator {
    private final ReadOptions options;
    private final Slice upperBound;
    private final RocksIterator iterator;
    private final byte[] from;
    private boolean started;
    private boolean released;

    Iter(ColumnFamilyHandle handle, KeyRange range) {
      options = new ReadOptions();
      upperBound = range.bounded() ? new Slice(range.to()) : null;
      if (upperBound != null) {
        options.setIterateUpperBound(upperBound);
      }
      iterator = db.newIterator(handle, options);
      from = range.from();
    }

    @Override
    public boolean hasNext() {
      lock.readLock().lock();
      try {
        checkOpen();
        if (released) {
          return false;
        }
        if (!started) {
          iterator.seek(from);
          started = true;
        }
        if (!iterator.isValid()) {
          iterator.status();
          return false;
        }
        return true;
      } catch (RocksDBException e) {
        throw translate(directory, "iterate", e);
      } finally {
        lock.readLock().unlock();
      }
    }

    @Override
    public KeyValue next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      lock.readLock().lock();
      try {
        checkOpen();
        KeyValue pair = new KeyValue(Bytes.wrap(iterator.key()), Bytes.wrap(iterator.value()));
        iterator.next();
        return pair;
      } finally {
        lock.readLock().unlock();
      }
    }

    @Override
    public void close() {
      lock.readLock().lock();
      try {
        if (openIterators.remove(this)) {
          release();
        }
      } finally {
        lock.readLock().unlock();
      }
    }

    private void release() {
      if (!released) {
        released = true;
        iterator.close();
        options.close();
        if (upperBound != null) {
          upperBound.close();
        }
      }
    }
  }
}
