package io.merapi.types.transaction;

import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One field of a signed transaction's RLP list, named as in the EIPs: how it is written from a
 * transaction and read into {@link TransactionCodec.Values}. The types differ only in which of
 * these they list and in what order ({@link TransactionCodec}); each field's encoding lives here
 * once. Plain method references rather than reflection keep the decode path as fast as hand-written
 * code.
 */
enum TransactionField {
  CHAIN_ID((w, tx) -> w.writeLong(tx.chainId().getAsLong()), (r, v) -> v.chainId = r.readLong()),
  NONCE((w, tx) -> w.writeLong(tx.nonce()), (r, v) -> v.nonce = r.readLong()),
  /** Legacy and EIP-2930: one price that is both fee cap and tip cap. */
  GAS_PRICE(
      (w, tx) -> w.writeUInt256(tx.maxFeePerGas()),
      (r, v) -> {
        v.maxFeePerGas = r.readUInt256();
        v.maxPriorityFeePerGas = v.maxFeePerGas;
      }),
  MAX_PRIORITY_FEE_PER_GAS(
      (w, tx) -> w.writeUInt256(tx.maxPriorityFeePerGas()),
      (r, v) -> v.maxPriorityFeePerGas = r.readUInt256()),
  MAX_FEE_PER_GAS(
      (w, tx) -> w.writeUInt256(tx.maxFeePerGas()), (r, v) -> v.maxFeePerGas = r.readUInt256()),
  GAS_LIMIT((w, tx) -> w.writeLong(tx.gasLimit()), (r, v) -> v.gasLimit = r.readLong()),
  /** A recipient, or the empty string for a contract creation. */
  TO((w, tx) -> TransactionFields.writeTo(w, tx.to()), (r, v) -> v.to = r.readOptionalAddress()),
  /** A recipient that must be there: blob and set-code transactions cannot create a contract. */
  TO_REQUIRED(
      (w, tx) -> w.writeAddress(tx.to().orElseThrow()),
      (r, v) -> v.to = Optional.of(r.readAddress())),
  VALUE((w, tx) -> w.writeUInt256(tx.value()), (r, v) -> v.value = r.readUInt256()),
  DATA((w, tx) -> w.writeBytes(tx.data()), (r, v) -> v.data = r.readBytesValue()),
  ACCESS_LIST(
      (w, tx) -> tx.accessList().writeTo(w), (r, v) -> v.accessList = AccessList.readFrom(r)),
  MAX_FEE_PER_BLOB_GAS(
      (w, tx) -> w.writeUInt256(tx.maxFeePerBlobGas().orElseThrow()),
      (r, v) -> v.maxFeePerBlobGas = r.readUInt256()),
  BLOB_VERSIONED_HASHES(
      (w, tx) -> {
        w.startList();
        for (Hash hash : tx.blobVersionedHashes()) {
          w.writeHash(hash);
        }
        w.endList();
      },
      (r, v) -> {
        RlpReader hashes = r.readList();
        List<Hash> list = new ArrayList<>();
        while (hashes.hasNext()) {
          list.add(hashes.readHash());
        }
        v.blobVersionedHashes = list;
      }),
  AUTHORIZATION_LIST(
      (w, tx) -> {
        w.startList();
        for (Authorization authorization : tx.authorizationList()) {
          authorization.writeTo(w);
        }
        w.endList();
      },
      (r, v) -> {
        RlpReader authorizations = r.readList();
        List<Authorization> list = new ArrayList<>();
        while (authorizations.hasNext()) {
          list.add(Authorization.readFrom(authorizations));
        }
        v.authorizationList = list;
      });

  /**
   * The signed fields of EIP-1559 and the types built on it: {@code [chainId, nonce,
   * maxPriorityFeePerGas, maxFeePerGas, gasLimit, to, value, data, accessList]} with {@code to} as
   * given ({@link #TO} or {@link #TO_REQUIRED}), then {@code more}.
   */
  static List<TransactionField> dynamicFee(TransactionField to, TransactionField... more) {
    List<TransactionField> fields =
        new ArrayList<>(
            List.of(
                CHAIN_ID,
                NONCE,
                MAX_PRIORITY_FEE_PER_GAS,
                MAX_FEE_PER_GAS,
                GAS_LIMIT,
                to,
                VALUE,
                DATA,
                ACCESS_LIST));
    fields.addAll(List.of(more));
    return fields;
  }

  private final Writer writer;
  private final Reader reader;

  TransactionField(Writer writer, Reader reader) {
    this.writer = writer;
    this.reader = reader;
  }

  void write(RlpWriter writer, SignedTransaction tx) {
    this.writer.write(writer, tx);
  }

  void read(RlpReader reader, TransactionCodec.Values values) {
    this.reader.read(reader, values);
  }

  @FunctionalInterface
  private interface Writer {
    void write(RlpWriter writer, SignedTransaction tx);
  }

  @FunctionalInterface
  private interface Reader {
    void read(RlpReader reader, TransactionCodec.Values values);
  }
}
