package io.merapi.types.block;

import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a block carries besides its header: {@code [transactions, ommers]}, plus {@code withdrawals}
 * from Shanghai. Transactions are in block-body form (typed ones as RLP strings).
 */
public record BlockBody(
    List<Transaction> transactions, List<Header> ommers, Optional<List<Withdrawal>> withdrawals) {
  public static final BlockBody EMPTY = new BlockBody(List.of(), List.of(), Optional.empty());

  public BlockBody {
    transactions = List.copyOf(transactions);
    ommers = List.copyOf(ommers);
    withdrawals = withdrawals.map(List::copyOf);
  }

  /** Writes the body's items (without an enclosing list) after a header, as a block does. */
  void writeItemsTo(RlpWriter writer) {
    writer.startList();
    for (Transaction tx : transactions) {
      tx.writeTo(writer);
    }
    writer.endList().startList();
    for (Header ommer : ommers) {
      ommer.writeTo(writer);
    }
    writer.endList();
    withdrawals.ifPresent(list -> Withdrawal.writeListTo(writer, list));
  }

  public void writeTo(RlpWriter writer) {
    writer.startList();
    writeItemsTo(writer);
    writer.endList();
  }

  public byte[] encoded() {
    RlpWriter writer = new RlpWriter(256 + 200 * transactions.size());
    writeTo(writer);
    return writer.toByteArray();
  }

  /** Reads the body's items from a list reader positioned after the header (or at the start). */
  static BlockBody readItemsFrom(RlpReader fields) {
    List<Transaction> transactions = TransactionDecoder.readListFrom(fields);
    RlpReader ommerList = fields.readList();
    List<Header> ommers = new ArrayList<>();
    while (ommerList.hasNext()) {
      ommers.add(Header.readFrom(ommerList));
    }
    Optional<List<Withdrawal>> withdrawals =
        fields.hasNext() ? Optional.of(Withdrawal.readListFrom(fields)) : Optional.empty();
    fields.ensureEnd();
    return new BlockBody(transactions, ommers, withdrawals);
  }

  /**
   * Decodes {@code rlp([transactions, ommers, withdrawals?])}.
   *
   * @throws RlpException if the bytes are not exactly one body
   */
  public static BlockBody decode(byte[] encoded) {
    RlpReader reader = RlpReader.of(encoded);
    BlockBody body = readItemsFrom(reader.readList());
    reader.ensureEnd();
    return body;
  }
}
