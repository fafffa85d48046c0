package io.merapi.storage;

/** The store could not do what was asked (an I/O error, a closed store). */
public class StorageException extends RuntimeException {
  public StorageException(String message) {
    super(message);
  }

  public StorageException(String message, Throwable cause) {
    super(message, cause);
  }
}
