package io.merapi.state.store;

/**
 * The state a read needs is not stored: a trie node or code missing under a root that claims it (a
 * corrupt or pruned store, or a root that was never written).
 */
public final class MissingStateException extends RuntimeException {
  public MissingStateException(String message) {
    super(message);
  }

  public MissingStateException(String message, Throwable cause) {
    super(message, cause);
  }
}
