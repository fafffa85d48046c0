package io.merapi.storage;

/**
 * Writes collected in memory and applied all at once by {@link #commit()}: after a crash either
 * every write of a committed batch is there or none is. A batch is committed at most once; closing
 * an uncommitted batch drops it.
 */
public interface WriteBatch extends AutoCloseable {
  WriteBatch put(Column column, byte[] key, byte[] value);

  WriteBatch delete(Column column, byte[] key);

  /** Number of writes collected. */
  int size();

  /** Applies every write atomically. */
  void commit();

  @Override
  void close();
}
