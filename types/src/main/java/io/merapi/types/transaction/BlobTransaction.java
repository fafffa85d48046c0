package io.merapi.types.transaction;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Signature;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * EIP-4844 (Cancun): {@code 0x03 || rlp([chainId, nonce, maxPriorityFeePerGas, maxFeePerGas,
 * gasLimit, to, value, data, accessList, maxFeePerBlobGas, blobVersionedHashes, yParity, r, s])}. A
 * blob transaction cannot create a contract: {@code to} is required.
 *
 * <p>In the pool and on {@code eth_sendRawTransaction} it travels in the network form {@code 0x03
 * || rlp([[fields...], blobs, commitments, proofs])} (with a version after the fields from Osaka);
 * the {@link #sidecar()} holds those extra items. The hash never covers the sidecar.
 */
public final class BlobTransaction extends SignedTransaction {
  private final long chainId;
  private final UInt256 maxPriorityFeePerGas;
  private final UInt256 maxFeePerGas;
  private final AccessList accessList;
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
    super(nonce, gasLimit, Optional.of(to), value, data, yParity, r, s);
    this.chainId = chainId;
    this.maxPriorityFeePerGas = Objects.requireNonNull(maxPriorityFeePerGas, "maxPriorityFee");
    this.maxFeePerGas = Objects.requireNonNull(maxFeePerGas, "maxFeePerGas");
    this.accessList = Objects.requireNonNull(accessList, "accessList");
    this.maxFeePerBlobGas = Objects.requireNonNull(maxFeePerBlobGas, "maxFeePerBlobGas");
    this.blobVersionedHashes = List.copyOf(blobVersionedHashes);
    this.sidecar = Objects.requireNonNull(sidecar, "sidecar");
  }

  @Override
  public TransactionType type() {
    return TransactionType.BLOB;
  }

  @Override
  public OptionalLong chainId() {
    return OptionalLong.of(chainId);
  }

  @Override
  public UInt256 maxFeePerGas() {
    return maxFeePerGas;
  }

  @Override
  public UInt256 maxPriorityFeePerGas() {
    return maxPriorityFeePerGas;
  }

  @Override
  public AccessList accessList() {
    return accessList;
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
    return new BlobTransaction(
        chainId,
        nonce(),
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit(),
        to().orElseThrow(),
        value(),
        data(),
        accessList,
        maxFeePerBlobGas,
        blobVersionedHashes,
        v(),
        r(),
        s(),
        sidecar);
  }

  @Override
  public Optional<Integer> recoveryId() {
    return yParityRecoveryId(v());
  }

  @Override
  public Hash signingHash() {
    return TransactionFields.signingHash(this, this::writeSignedFields);
  }

  @Override
  public BlobTransaction withSignature(Signature signature) {
    return new BlobTransaction(
        chainId,
        nonce(),
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit(),
        to().orElseThrow(),
        value(),
        data(),
        accessList,
        maxFeePerBlobGas,
        blobVersionedHashes,
        UInt256.valueOf(signature.recoveryId()),
        signature.r(),
        signature.s(),
        sidecar);
  }

  private void writeSignedFields(RlpWriter writer) {
    writer
        .writeLong(chainId)
        .writeLong(nonce())
        .writeUInt256(maxPriorityFeePerGas)
        .writeUInt256(maxFeePerGas)
        .writeLong(gasLimit())
        .writeAddress(to().orElseThrow())
        .writeUInt256(value())
        .writeBytes(data());
    accessList.writeTo(writer);
    writer.writeUInt256(maxFeePerBlobGas).startList();
    for (Hash hash : blobVersionedHashes) {
      writer.writeHash(hash);
    }
    writer.endList();
  }

  @Override
  void writePayload(RlpWriter writer) {
    writer.startList();
    writeSignedFields(writer);
    TransactionFields.writeSignature(writer, this);
    writer.endList();
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
    long chainId = fields.readLong();
    long nonce = fields.readLong();
    UInt256 maxPriorityFeePerGas = fields.readUInt256();
    UInt256 maxFeePerGas = fields.readUInt256();
    long gasLimit = fields.readLong();
    Address to = fields.readAddress();
    UInt256 value = fields.readUInt256();
    Bytes data = fields.readBytesValue();
    AccessList accessList = AccessList.readFrom(fields);
    UInt256 maxFeePerBlobGas = fields.readUInt256();
    RlpReader hashes = fields.readList();
    List<Hash> blobVersionedHashes = new ArrayList<>();
    while (hashes.hasNext()) {
      blobVersionedHashes.add(hashes.readHash());
    }
    UInt256 yParity = fields.readUInt256();
    UInt256 r = fields.readUInt256();
    UInt256 s = fields.readUInt256();
    fields.ensureEnd();
    return new BlobTransaction(
        chainId,
        nonce,
        maxPriorityFeePerGas,
        maxFeePerGas,
        gasLimit,
        to,
        value,
        data,
        accessList,
        maxFeePerBlobGas,
        blobVersionedHashes,
        yParity,
        r,
        s,
        sidecar);
  }
}
