package io.merapi.derive.batch;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A singular batch's content (specs derivation.md "Batch Format", type 0): {@code rlp([parent_hash,
 * epoch_number, epoch_hash, timestamp, transaction_list])}, each transaction an RLP byte string
 * holding its EIP-2718 encoding. Decoding is strict RLP, as go-ethereum decodes op-node's {@code
 * SingularBatch}: exactly five fields, 32-byte hashes, canonical integers; bytes after the list are
 * ignored.
 */
public final class SingularBatchCodec {
  private SingularBatchCodec() {}

  /**
   * Decodes {@code data[offset, offset + length)}.
   *
   * @throws BatchFormatException if it is not a singular batch
   */
  public static SingularBatch decode(byte[] data, int offset, int length) {
    try {
      RlpReader fields = RlpReader.of(data, offset, offset + length).readList();
      Hash parentHash = fields.readHash();
      long epochNum = fields.readLong();
      Hash epochHash = fields.readHash();
      long timestamp = fields.readLong();
      RlpReader list = fields.readList();
      List<Bytes> transactions = new ArrayList<>();
      while (list.hasNext()) {
        transactions.add(list.readBytesValue());
      }
      fields.ensureEnd();
      return new SingularBatch(parentHash, epochNum, epochHash, timestamp, transactions);
    } catch (RlpException e) {
      // RlpReader's offsets count from the start of data; make them relative to the batch.
      int at = e.offset() < 0 ? -1 : Math.max(0, e.offset() - offset);
      throw new BatchFormatException("singular batch: " + withoutOffset(e), at);
    }
  }

  /** RlpException appends its absolute offset to the message; the batch's offset replaces it. */
  private static String withoutOffset(RlpException e) {
    String message = e.getMessage();
    String suffix = " (at byte " + e.offset() + ")";
    return message.endsWith(suffix)
        ? message.substring(0, message.length() - suffix.length())
        : message;
  }

  /** The batch's content (without the type byte). */
  public static Bytes encode(SingularBatch batch) {
    int size = 100;
    for (Bytes tx : batch.transactions()) {
      size += tx.length() + 5;
    }
    RlpWriter out = new RlpWriter(size);
    out.startList()
        .writeHash(batch.parentHash())
        .writeLong(batch.epochNum())
        .writeHash(batch.epochHash())
        .writeLong(batch.timestamp())
        .startList();
    for (Bytes tx : batch.transactions()) {
      out.writeBytes(tx);
    }
    out.endList().endList();
    return Bytes.wrap(out.toByteArray());
  }
}
