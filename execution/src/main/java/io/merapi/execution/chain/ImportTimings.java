package io.merapi.execution.chain;

/**
 * Where an import's time went, in nanoseconds: checking the header and body and recovering senders,
 * executing the transactions, committing the state (storage roots and the state root, with the trie
 * nodes it loads), and writing the batch (including the flat view when the block extends the head).
 */
public record ImportTimings(
    long validationNanos, long executionNanos, long stateRootNanos, long writeNanos) {
  public static final ImportTimings NONE = new ImportTimings(0, 0, 0, 0);

  public long totalNanos() {
    return validationNanos + executionNanos + stateRootNanos + writeNanos;
  }

  public ImportTimings plus(ImportTimings other) {
    return new ImportTimings(
        validationNanos + other.validationNanos,
        executionNanos + other.executionNanos,
        stateRootNanos + other.stateRootNanos,
        writeNanos + other.writeNanos);
  }
}
