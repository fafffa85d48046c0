package io.merapi.types.transaction;

import static io.merapi.types.transaction.TransactionField.BLOB_VERSIONED_HASHES;
import static io.merapi.types.transaction.TransactionField.MAX_FEE_PER_BLOB_GAS;
import static io.merapi.types.transaction.TransactionField.TO_REQUIRED;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Signature;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * EIP-4844 (Cancun): {@code 0x03 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
 * gasLimit, to, value, data, accessList, maxFeePerBlobGas, blobVersionedHashes, yParity, r, s])}. A
 * blob transaction cannot create a contract: {@code to} is required.
 *
 * <p>In the pool and on {@code eth_sendRawTransaction} it travels in the network form {@code 0x03
 * || rlp([[fields...], blobs, commitments, proofs])} (with a version after the fields from Osaka);
 * the {@link #sidecar()} holds those extra items. The hash never covers the sidecar.
 */
public final class BlobTransaction extends TypedSignedTransaction {
  static final TransactionCodec<BlobTransaction> CODEC =
      new TransactionCodec<>(
          TransactionType.BLOB,
          TransactionField.dynamicFee(TO_REQUIRED, MAX_FEE_PER_BLOB_GAS, BLOB_VERSIONED_HASHES),
          BlobTransaction::new);

  private final UInt256 maxFeePerBlobGas;
  private final List<Hash> blobVersionedHashes;
  private final Optional<BlobSidecar> sidecar;

  public BlobTransaction(
      long chainId,
      long nonce,
      UInt256 maxPriorityFeePerGas,
      UInt256 maxFeePerGas,
      long gasLimit,
      Address to,
      UInt256 value,
      Bytes data,
      AccessList accessList,
      UInt256 maxFeePerBlobGas,
      List<Hash> blobVersionedHashes,
      UInt256 yParity,
      UInt256 r,
      UInt256 s,
      Optional<BlobSidecar> sidecar) {
    super(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        Optional.of(to),
        value,
        data,
        accessList,
        yParity,
        r,
        s);
    this.maxFeePerBlobGas = Objects.requireNonNull(maxFeePerBlobGas, "maxFeePerBlobGas");
    this.blobVersionedHashes = List.copyOf(blobVersionedHashes);
    this.sidecar = Objects.requireNonNull(sidecar, "sidecar");
  }

  private BlobTransaction(TransactionCodec.Values v) {
    super(v);
    this.maxFeePerBlobGas = Objects.requireNonNull(v.maxFeePerBlobGas, "maxFeePerBlobGas");
    this.blobVersionedHashes = List.copyOf(v.blobVersionedHashes);
    this.sidecar = Objects.requireNonNull(v.sidecar, "sidecar");
  }

  @Override
  TransactionCodec<BlobTransaction> codec() {
    return CODEC;
  }

  @Override
  public Optional<UInt256> maxFeePerBlobGas() {
    return Optional.of(maxFeePerBlobGas);
  }

  @Override
  public List<Hash> blobVersionedHashes() {
    return blobVersionedHashes;
  }

  /** The blobs, commitments and proofs, present in the network form only. */
  public Optional<BlobSidecar> sidecar() {
    return sidecar;
  }

  /** This transaction with {@code sidecar} (or without any). */
  public BlobTransaction withSidecar(Optional<BlobSidecar> sidecar) {
    Objects.requireNonNull(sidecar, "sidecar");
    return CODEC.copy(this, values -> values.sidecar = sidecar);
  }

  @Override
  public BlobTransaction withSignature(Signature signature) {
    return CODEC.withSignature(signature, this);
  }

  @Override
  public byte[] networkEncoded() {
    if (sidecar.isEmpty()) {
      return encoded();
    }
    RlpWriter writer = new RlpWriter(estimatedSize() + sidecarSize(sidecar.get()));
    writer.writeRaw(new byte[] {(byte) type().value()}).startList();
    writePayload(writer);
    sidecar.get().writeWrapperItems(writer);
    writer.endList();
    return writer.toByteArray();
  }

  private static int sidecarSize(BlobSidecar sidecar) {
    return (sidecar.blobs().size() + 1) * (BlobSidecar.BYTES_PER_BLOB + 64)
        + sidecar.proofs().size() * 64;
  }

  @Override
  int estimatedSize() {
    return super.estimatedSize() + 40 + 33 * blobVersionedHashes.size();
  }

  @Override
  public boolean equals(Object other) {
    return super.equals(other) && sidecar.equals(((BlobTransaction) other).sidecar);
  }

  @Override
  public int hashCode() {
    return super.hashCode();
  }

  static BlobTransaction readFields(RlpReader fields, Optional<BlobSidecar> sidecar) {
    TransactionCodec.Values values = new TransactionCodec.Values();
    values.sidecar = sidecar;
    return CODEC.read(fields, values);
  }
}
