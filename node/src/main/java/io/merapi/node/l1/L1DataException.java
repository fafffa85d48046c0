package io.merapi.node.l1;

/**
 * The L1 node answered, but with data that cannot be right (a header that does not hash to the
 * block hash, receipts that do not match the receipts root). Not retried at once: asking the same
 * node again right away gives the same answer.
 */
final class L1DataException extends RuntimeException {
  L1DataException(String message) {
    super(message);
  }

  L1DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
