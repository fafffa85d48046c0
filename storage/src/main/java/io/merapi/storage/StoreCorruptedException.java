package io.merapi.storage;

/** The store's files fail their checksums or do not fit together: restore or resync it. */
public final class StoreCorruptedException extends StorageException {
  public StoreCorruptedException(String message, Throwable cause) {
    super(message, cause);
  }
}
