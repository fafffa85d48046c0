package io.merapi.storage;

import java.util.Iterator;

/** Pairs in ascending key order, for one thread; may hold native resources until closed. */
public interface KeyValueIterator extends Iterator<KeyValue>, AutoCloseable {
  @Override
  void close();
}
