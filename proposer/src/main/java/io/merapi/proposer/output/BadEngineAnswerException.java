package io.merapi.proposer.output;

/**
 * The L2 engine answered, but what it said cannot be an honest answer (a header that does not hash
 * to the block hash, a proof that does not match the state root) or it lacks the block. The
 * proposer proposes nothing until it answers well.
 */
public final class BadEngineAnswerException extends RuntimeException {
  public BadEngineAnswerException(String message) {
    super(message);
  }
}
