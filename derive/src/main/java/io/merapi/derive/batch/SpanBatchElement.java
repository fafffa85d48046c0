package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;
import java.util.List;

/** One L2 block of a span batch: its timestamp, its epoch and its transactions (EIP-2718). */
public record SpanBatchElement(long timestamp, long epochNum, List<Bytes> transactions) {
  public SpanBatchElement {
    transactions = List.copyOf(transactions);
  }
}
