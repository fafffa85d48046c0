package io.merapi.storage;

/** The store is open in another process (or already in this one): it must be closed there first. */
public final class StoreLockedException extends StorageException {
  public StoreLockedException(String message, Throwable cause) {
    super(message, cause);
  }
}
