package io.merapi.types.block;

import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.types.transaction.Transaction;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A block: {@code rlp([header, transactions, ommers, withdrawals?])}, the form of {@code
 * debug_getRawBlock}, {@code geth import} chain files and the eth wire protocol.
 */
public record Block(Header header, BlockBody body) {
  public Block {
    Objects.requireNonNull(header, "header");
    Objects.requireNonNull(body, "body");
  }

  public Hash hash() {
    return header.hash();
  }

  public long number() {
    return header.number();
  }

  public List<Transaction> transactions() {
    return body.transactions();
  }

  public List<Header> ommers() {
    return body.ommers();
  }

  public Optional<List<Withdrawal>> withdrawals() {
    return body.withdrawals();
  }

  public byte[] encoded() {
    RlpWriter writer = new RlpWriter(1024 + 200 * body.transactions().size());
    writeTo(writer);
    return writer.toByteArray();
  }

  public void writeTo(RlpWriter writer) {
    writer.startList();
    header.writeTo(writer);
    body.writeItemsTo(writer);
    writer.endList();
  }

  public static Block readFrom(RlpReader reader) {
    RlpReader fields = reader.readList();
    Header header = Header.readFrom(fields);
    return new Block(header, BlockBody.readItemsFrom(fields));
  }

  /**
   * Decodes one block.
   *
   * @throws RlpException if the bytes are not exactly one block
   */
  public static Block decode(byte[] encoded) {
    RlpReader reader = RlpReader.of(encoded);
    Block block = readFrom(reader);
    reader.ensureEnd();
    return block;
  }
}
