package io.merapi.devnet.load;

import io.merapi.base.bytes.Hash;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Which of a run's transactions have a receipt.
 *
 * @param total transactions asked about
 * @param failed receipts with status 0 (a plain transfer should never revert)
 * @param firstBlock the lowest block holding one of them, -1 if none has a receipt
 * @param lastBlock the highest block holding one of them, -1 if none has a receipt
 * @param missing the transactions still without a receipt when the wait ended
 * @param waited how long the wait took
 */
public record ReceiptReport(
    int total, int failed, long firstBlock, long lastBlock, List<Hash> missing, Duration waited) {
  public ReceiptReport {
    missing = List.copyOf(missing);
  }

  public int withReceipt() {
    return total - missing.size();
  }

  public boolean complete() {
    return missing.isEmpty();
  }

  @Override
  public String toString() {
    return String.format(
        Locale.ROOT,
        "%,d of %,d with a receipt (%,d failed) in blocks %d..%d after %.1f s",
        withReceipt(),
        total,
        failed,
        firstBlock,
        lastBlock,
        waited.toNanos() / 1e9);
  }
}
