package io.merapi.storage;

import java.util.Iterator;

/** Pairs in ascending key order; holds native resources until closed. */
public interface KeyValueIterator extends Iterator<KeyValue>, AutoCloseable {
  @Override
  void close();
}
