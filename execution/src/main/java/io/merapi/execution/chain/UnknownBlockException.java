package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;

/**
 * A block the operation needs is not stored: the parent of a block to import, or the target of a
 * head change. Not a verdict on the block: it may become importable once its ancestors are.
 */
public final class UnknownBlockException extends RuntimeException {
  private final Hash hash;

  public UnknownBlockException(Hash hash, String message) {
    super(message);
    this.hash = hash;
  }

  public Hash hash() {
    return hash;
  }
}
