package io.merapi.types.transaction;

import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads transactions from their byte forms (see {@link Transaction}). Decoding is strict: anything
 * that is not the single canonical encoding of a transaction of a known type — non-canonical RLP,
 * integers with leading zeros or beyond their field's width, addresses of the wrong length, missing
 * or extra fields, trailing bytes — throws {@link RlpException}, and nothing else. Decoding does
 * not judge validity (signature, chain id, gas); that is {@link TransactionValidator}'s job.
 */
public final class TransactionDecoder {
  private TransactionDecoder() {}

  /**
   * Decodes the canonical form ({@link Transaction#encoded()}). A blob transaction must be without
   * its sidecar.
   */
  public static Transaction decode(byte[] encoded) {
    return decode(encoded, false);
  }

  /**
   * Decodes the form of the pool and {@code eth_sendRawTransaction} ({@link
   * Transaction#networkEncoded()}): like {@link #decode}, but a blob transaction may carry its
   * sidecar.
   */
  public static Transaction decodeNetwork(byte[] encoded) {
    return decode(encoded, true);
  }

  private static Transaction decode(byte[] encoded, boolean network) {
    if (encoded.length == 0) {
      throw new RlpException("empty input is not a transaction", 0);
    }
    int first = encoded[0] & 0xff;
    if (first >= 0xc0) {
      RlpReader reader = RlpReader.of(encoded);
      LegacyTransaction tx = LegacyTransaction.CODEC.read(reader.readList());
      reader.ensureEnd();
      return tx;
    }
    if (first > 0x7f) {
      throw new RlpException(
          "a transaction starts with a type byte or a list, found an RLP string", 0);
    }
    return decodeTyped(encoded, 0, encoded.length, network);
  }

  /** Reads one element of a block body's transaction list. */
  public static Transaction readFrom(RlpReader reader) {
    if (reader.nextIsList()) {
      return LegacyTransaction.CODEC.read(reader.readList());
    }
    int start = reader.position();
    byte[] envelope = reader.readBytes();
    if (envelope.length == 0 || (envelope[0] & 0xff) > 0x7f) {
      throw new RlpException("a typed transaction must start with its type byte", start);
    }
    try {
      return decodeTyped(envelope, 0, envelope.length, false);
    } catch (RlpException e) {
      throw new RlpException("in typed transaction: " + e.getMessage(), start);
    }
  }

  /** Reads a block body's transaction list. */
  public static List<Transaction> readListFrom(RlpReader reader) {
    RlpReader list = reader.readList();
    List<Transaction> transactions = new ArrayList<>();
    while (list.hasNext()) {
      transactions.add(readFrom(list));
    }
    return transactions;
  }

  private static Transaction decodeTyped(byte[] data, int start, int end, boolean network) {
    int typeByte = data[start] & 0xff;
    TransactionType type =
        TransactionType.of(typeByte)
            .filter(t -> t != TransactionType.LEGACY)
            .orElseThrow(
                () ->
                    new RlpException(
                        "transaction type 0x" + Integer.toHexString(typeByte) + " is not supported",
                        start));
    if (end - start < 2) {
      throw new RlpException("typed transaction without a payload", start);
    }
    RlpReader outer = RlpReader.of(data, start + 1, end);
    RlpReader fields = outer.readList();
    outer.ensureEnd();
    return switch (type) {
      case ACCESS_LIST -> AccessListTransaction.CODEC.read(fields);
      case DYNAMIC_FEE -> DynamicFeeTransaction.CODEC.read(fields);
      case BLOB -> readBlob(fields, network);
      case SET_CODE -> SetCodeTransaction.CODEC.read(fields);
      case DEPOSIT -> DepositTransaction.readFields(fields);
      case LEGACY -> throw new IllegalStateException("filtered out above");
    };
  }

  private static BlobTransaction readBlob(RlpReader fields, boolean network) {
    if (fields.hasNext() && fields.nextIsList()) {
      // The network wrapper: [[tx fields...], (version,) blobs, commitments, proofs].
      if (!network) {
        throw new RlpException(
            "blob transaction in network form (with sidecar) where the canonical form is expected",
            fields.position());
      }
      RlpReader inner = fields.readList();
      BlobSidecar sidecar = BlobSidecar.readWrapperItems(fields);
      BlobTransaction tx = BlobTransaction.readFields(inner, Optional.of(sidecar));
      return tx;
    }
    return BlobTransaction.readFields(fields, Optional.empty());
  }
}
