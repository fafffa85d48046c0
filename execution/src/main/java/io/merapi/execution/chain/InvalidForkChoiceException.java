package io.merapi.execution.chain;

/** A fork choice whose safe or finalized block is not an ancestor of (or equal to) its head. */
public final class InvalidForkChoiceException extends RuntimeException {
  public InvalidForkChoiceException(String message) {
    super(message);
  }
}
