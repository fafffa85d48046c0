package io.merapi.execution.chain;

import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.TransactionType;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A block's receipts as the chain stores them: without their logs blooms (a quarter kilobyte each,
 * recomputed from the logs on read, as geth's storage receipts do), each {@code [type, status or
 * post-state root, cumulativeGasUsed, logs, depositNonce?, depositReceiptVersion?]}.
 */
final class StoredReceipts {
  private StoredReceipts() {}

  static byte[] encode(List<Receipt> receipts) {
    RlpWriter w = new RlpWriter(64 + 64 * receipts.size());
    w.startList();
    for (Receipt r : receipts) {
      w.startList().writeLong(r.type().value());
      switch (r.outcome()) {
        case Receipt.Status s -> w.writeBoolean(s.success());
        case Receipt.PostState p -> w.writeHash(p.root());
      }
      w.writeLong(r.cumulativeGasUsed()).startList();
      for (Log log : r.logs()) {
        log.writeTo(w);
      }
      w.endList();
      r.depositNonce().ifPresent(w::writeLong);
      r.depositReceiptVersion().ifPresent(w::writeLong);
      w.endList();
    }
    return w.endList().toByteArray();
  }

  static List<Receipt> decode(byte[] encoded) {
    RlpReader outer = RlpReader.of(encoded);
    RlpReader list = outer.readList();
    List<Receipt> receipts = new ArrayList<>();
    while (list.hasNext()) {
      RlpReader r = list.readList();
      long typeValue = r.readLong();
      TransactionType type =
          TransactionType.of(typeValue)
              .orElseThrow(() -> new RlpException("stored receipt of unknown type " + typeValue));
      byte[] status = r.readBytes();
      Receipt.Outcome outcome =
          status.length == Hash.LENGTH
              ? new Receipt.PostState(Hash.wrap(status))
              : new Receipt.Status(status.length == 1 && status[0] == 1);
      long cumulativeGasUsed = r.readLong();
      RlpReader logList = r.readList();
      List<Log> logs = new ArrayList<>();
      while (logList.hasNext()) {
        logs.add(Log.readFrom(logList));
      }
      OptionalLong depositNonce =
          r.hasNext() ? OptionalLong.of(r.readLong()) : OptionalLong.empty();
      OptionalLong version = r.hasNext() ? OptionalLong.of(r.readLong()) : OptionalLong.empty();
      r.ensureEnd();
      receipts.add(
          new Receipt(
              type,
              outcome,
              cumulativeGasUsed,
              Receipt.bloomOf(logs),
              logs,
              depositNonce,
              version));
    }
    outer.ensureEnd();
    return receipts;
  }
}
