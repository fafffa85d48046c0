package io.merapi.storage;

import io.merapi.base.bytes.Bytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A store in sorted maps, for tests and throw-away devnets. Batches are atomic for readers: a get
 * sees all of a batch or none of it. Iterators are weakly consistent (they may or may not see
 * writes made while they run) and never fail because of them.
 */
public final class InMemoryKeyValueStore implements KeyValueStore {
  private final Map<Column, ConcurrentSkipListMap<byte[], byte[]>> columns =
      new EnumMap<>(Column.class);
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile boolean closed;

  public InMemoryKeyValueStore() {
    for (Column column : Column.values()) {
      columns.put(column, new ConcurrentSkipListMap<>(Arrays::compareUnsigned));
    }
  }

  @Override
  public Optional<byte[]> get(Column column, byte[] key) {
    lock.readLock().lock();
    try {
      checkOpen();
      byte[] value = columns.get(column).get(key);
      return value == null ? Optional.empty() : Optional.of(value.clone());
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void put(Column column, byte[] key, byte[] value) {
    lock.writeLock().lock();
    try {
      checkOpen();
      columns.get(column).put(key.clone(), value.clone());
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public void delete(Column column, byte[] key) {
    lock.writeLock().lock();
    try {
      checkOpen();
      columns.get(column).remove(key);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public WriteBatch batch() {
    checkOpen();
    return new Batch();
  }

  @Override
  public KeyValueIterator iterate(Column column, KeyRange range) {
    checkOpen();
    ConcurrentSkipListMap<byte[], byte[]> map = columns.get(column);
    NavigableMap<byte[], byte[]> view =
        range.bounded()
            ? map.subMap(range.from(), true, range.to(), false)
            : map.tailMap(range.from(), true);
    Iterator<Map.Entry<byte[], byte[]>> entries = view.entrySet().iterator();
    return new KeyValueIterator() {
      @Override
      public boolean hasNext() {
        checkOpen();
        return entries.hasNext();
      }

      @Override
      public KeyValue next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Map.Entry<byte[], byte[]> e = entries.next();
        return new KeyValue(Bytes.of(e.getKey()), Bytes.of(e.getValue()));
      }

      @Override
      public void close() {}
    };
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      closed = true;
      columns.values().forEach(Map::clear);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new StorageException("the in-memory store is closed");
    }
  }

  private record Write(Column column, byte[] key, byte[] value, boolean delete) {}

  private final class Batch implements WriteBatch {
    private final List<Write> writes = new ArrayList<>();
    private boolean done;

    @Override
    public WriteBatch put(Column column, byte[] key, byte[] value) {
      checkUsable();
      writes.add(new Write(column, key.clone(), value.clone(), false));
      return this;
    }

    @Override
    public WriteBatch delete(Column column, byte[] key) {
      checkUsable();
      writes.add(new Write(column, key.clone(), new byte[0], true));
      return this;
    }

    @Override
    public int size() {
      return writes.size();
    }

    @Override
    public void commit() {
      checkUsable();
      done = true;
      lock.writeLock().lock();
      try {
        checkOpen();
        for (Write w : writes) {
          if (w.delete) {
            columns.get(w.column).remove(w.key);
          } else {
            columns.get(w.column).put(w.key, w.value);
          }
        }
      } finally {
        lock.writeLock().unlock();
      }
    }

    @Override
    public void close() {
      done = true;
      writes.clear();
    }

    private void checkUsable() {
      if (done) {
        throw new IllegalStateException("the batch was already committed or closed");
      }
    }
  }
}
