package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Signature;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The description of one signed transaction type: its ordered {@link TransactionField}s (the signed
 * fields), always followed by the signature {@code v/yParity, r, s}. The same description writes
 * the payload, writes the signing hash's preimage and decodes, so the three cannot drift apart; a
 * new type is its field list and a constructor taking {@link Values}.
 */
final class TransactionCodec<T extends SignedTransaction> {
  private final TransactionType type;
  private final TransactionField[] fields;
  private final Function<Values, T> factory;

  TransactionCodec(
      TransactionType type, List<TransactionField> fields, Function<Values, T> factory) {
    this.type = type;
    this.fields = fields.toArray(TransactionField[]::new);
    this.factory = factory;
  }

  TransactionType type() {
    return type;
  }

  List<TransactionField> fields() {
    return List.of(fields);
  }

  /** Writes the signed fields, without a list header. */
  void writeSignedFields(RlpWriter writer, SignedTransaction tx) {
    for (TransactionField field : fields) {
      field.write(writer, tx);
    }
  }

  /** Writes {@code rlp([signed fields..., v, r, s])}. */
  void writePayload(RlpWriter writer, SignedTransaction tx) {
    writer.startList();
    writeSignedFields(writer, tx);
    writer.writeUInt256(tx.v()).writeUInt256(tx.r()).writeUInt256(tx.s()).endList();
  }

  /** {@code keccak256(type || rlp([signed fields]))}, the hash an EIP-2718 typed sender signs. */
  Hash typedSigningHash(SignedTransaction tx) {
    RlpWriter writer = new RlpWriter(tx.estimatedSize());
    writer.writeRaw(new byte[] {(byte) type.value()}).startList();
    writeSignedFields(writer, tx);
    writer.endList();
    return Keccak256.digest(writer.toByteArray());
  }

  /** Reads the fields from a list reader (the list header already consumed). */
  T read(RlpReader reader) {
    return read(reader, new Values());
  }

  /** Reads into {@code values}, which may carry what is not in the list (a blob sidecar). */
  T read(RlpReader reader, Values values) {
    for (TransactionField field : fields) {
      field.read(reader, values);
    }
    values.v = reader.readUInt256();
    values.r = reader.readUInt256();
    values.s = reader.readUInt256();
    reader.ensureEnd();
    return factory.apply(values);
  }

  /** A copy of {@code tx} with {@code signature} as {@code yParity, r, s}. */
  T withSignature(Signature signature, SignedTransaction tx) {
    Values values = Values.of(tx);
    values.v = UInt256.valueOf(signature.recoveryId());
    values.r = signature.r();
    values.s = signature.s();
    return factory.apply(values);
  }

  /** A copy of {@code tx} with changes made to its values. */
  T copy(SignedTransaction tx, Consumer<Values> change) {
    Values values = Values.of(tx);
    change.accept(values);
    return factory.apply(values);
  }

  /**
   * Every field any signed type has, filled in while decoding (one object per transaction) and
   * handed to the type's constructor; a type reads only the ones it lists.
   */
  static final class Values {
    long chainId;
    long nonce;
    UInt256 maxPriorityFeePerGas;
    UInt256 maxFeePerGas;
    long gasLimit;
    Optional<Address> to = Optional.empty();
    UInt256 value;
    Bytes data;
    AccessList accessList = AccessList.EMPTY;
    UInt256 maxFeePerBlobGas;
    List<Hash> blobVersionedHashes = List.of();
    List<Authorization> authorizationList = List.of();
    Optional<BlobSidecar> sidecar = Optional.empty();
    UInt256 v;
    UInt256 r;
    UInt256 s;

    static Values of(SignedTransaction tx) {
      Values values = new Values();
      values.chainId = tx.chainId().orElse(0);
      values.nonce = tx.nonce();
      values.maxPriorityFeePerGas = tx.maxPriorityFeePerGas();
      values.maxFeePerGas = tx.maxFeePerGas();
      values.gasLimit = tx.gasLimit();
      values.to = tx.to();
      values.value = tx.value();
      values.data = tx.data();
      values.accessList = tx.accessList();
      values.maxFeePerBlobGas = tx.maxFeePerBlobGas().orElse(null);
      values.blobVersionedHashes = tx.blobVersionedHashes();
      values.authorizationList = tx.authorizationList();
      if (tx instanceof BlobTransaction blob) {
        values.sidecar = blob.sidecar();
      }
      values.v = tx.v();
      values.r = tx.r();
      values.s = tx.s();
      return values;
    }
  }
}
