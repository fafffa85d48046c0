package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.rlp.RlpWriter;
import java.util.Optional;

/** Encoding steps shared by the transaction types. */
final class TransactionFields {
  private static final byte[] NO_ADDRESS = new byte[0];

  private TransactionFields() {}

  /** An address, or the empty string for a contract creation. */
  static void writeTo(RlpWriter writer, Optional<Address> to) {
    writer.writeBytes(to.isPresent() ? to.get().array() : NO_ADDRESS);
  }
}
