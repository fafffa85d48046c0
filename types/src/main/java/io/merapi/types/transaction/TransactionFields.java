package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import java.util.Optional;
import java.util.function.Consumer;

/** Encoding steps shared by the transaction types. */
final class TransactionFields {
  private static final byte[] NO_ADDRESS = new byte[0];

  private TransactionFields() {}

  /** {@code keccak256(type || rlp([signed fields]))}. */
  static Hash signingHash(Transaction tx, Consumer<RlpWriter> signedFields) {
    RlpWriter writer = new RlpWriter(tx.estimatedSize());
    writer.writeRaw(new byte[] {(byte) tx.type().value()});
    writer.startList();
    signedFields.accept(writer);
    writer.endList();
    return Keccak256.digest(writer.toByteArray());
  }

  /** An address, or the empty string for a contract creation. */
  static void writeTo(RlpWriter writer, Optional<Address> to) {
    writer.writeBytes(to.isPresent() ? to.get().array() : NO_ADDRESS);
  }

  static void writeSignature(RlpWriter writer, SignedTransaction tx) {
    writer.writeUInt256(tx.v()).writeUInt256(tx.r()).writeUInt256(tx.s());
  }
}
