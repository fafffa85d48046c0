package io.merapi.types.transaction;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.rlp.RlpException;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;

/**
 * The blobs of an EIP-4844 transaction with their KZG commitments and proofs, which travel with the
 * transaction to the pool (the "network form") but are not part of the block.
 *
 * <p>Version 0 (Cancun, EIP-4844) carries one blob proof per blob. Version 1 (Osaka, EIP-7594
 * PeerDAS) carries {@value #CELLS_PER_EXT_BLOB} cell proofs per blob and writes the version in the
 * wrapper. Proofs are checked with KZG by the transaction pool, not here; this type checks sizes
 * and counts only.
 */
public record BlobSidecar(
    int version, List<Bytes> blobs, List<Bytes> commitments, List<Bytes> proofs) {
  /** Bytes in a blob: 4096 field elements of 32 bytes. */
  public static final int BYTES_PER_BLOB = 131_072;

  public static final int BYTES_PER_COMMITMENT = 48;
  public static final int BYTES_PER_PROOF = 48;

  /** EIP-7594: cells (and so cell proofs) per extended blob. */
  public static final int CELLS_PER_EXT_BLOB = 128;

  /** EIP-4844 {@code GAS_PER_BLOB}. */
  public static final long GAS_PER_BLOB = 131_072;

  /** EIP-4844 {@code VERSIONED_HASH_VERSION_KZG}. */
  public static final byte VERSIONED_HASH_VERSION_KZG = 0x01;

  public BlobSidecar {
    if (version != 0 && version != 1) {
      throw new IllegalArgumentException("blob sidecar version must be 0 or 1, got " + version);
    }
    blobs = List.copyOf(blobs);
    commitments = List.copyOf(commitments);
    proofs = List.copyOf(proofs);
    requireSizes(blobs, BYTES_PER_BLOB, "blob");
    requireSizes(commitments, BYTES_PER_COMMITMENT, "commitment");
    requireSizes(proofs, BYTES_PER_PROOF, "proof");
    if (commitments.size() != blobs.size()) {
      throw new IllegalArgumentException(
          blobs.size() + " blobs but " + commitments.size() + " commitments");
    }
    int expectedProofs = version == 0 ? blobs.size() : blobs.size() * CELLS_PER_EXT_BLOB;
    if (proofs.size() != expectedProofs) {
      throw new IllegalArgumentException(
          "version "
              + version
              + " sidecar with "
              + blobs.size()
              + " blobs needs "
              + expectedProofs
              + " proofs, got "
              + proofs.size());
    }
  }

  private static void requireSizes(List<Bytes> items, int size, String what) {
    for (Bytes item : items) {
      if (item.length() != size) {
        throw new IllegalArgumentException(
            "a " + what + " has " + size + " bytes, got " + item.length());
      }
    }
  }

  /** EIP-4844 {@code kzg_to_versioned_hash}: {@code 0x01 || sha256(commitment)[1:]}. */
  public static Hash versionedHash(Bytes commitment) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(commitment.array());
      digest[0] = VERSIONED_HASH_VERSION_KZG;
      return Hash.wrap(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK always provides SHA-256", e);
    }
  }

  /** The versioned hashes of the commitments, in order; a valid transaction lists exactly these. */
  public List<Hash> versionedHashes() {
    List<Hash> hashes = new ArrayList<>(commitments.size());
    for (Bytes commitment : commitments) {
      hashes.add(versionedHash(commitment));
    }
    return hashes;
  }

  /** Writes the items after the transaction in the network wrapper list. */
  void writeWrapperItems(RlpWriter writer) {
    if (version == 1) {
      writer.writeLong(1);
    }
    writeList(writer, blobs);
    writeList(writer, commitments);
    writeList(writer, proofs);
  }

  private static void writeList(RlpWriter writer, List<Bytes> items) {
    writer.startList();
    for (Bytes item : items) {
      writer.writeBytes(item);
    }
    writer.endList();
  }

  /** Reads the items after the transaction in the network wrapper list. */
  static BlobSidecar readWrapperItems(RlpReader wrapper) {
    int version = 0;
    if (!wrapper.nextIsList()) {
      int position = wrapper.position();
      long wrapperVersion = wrapper.readLong();
      if (wrapperVersion != 1) {
        throw new RlpException(
            "unknown blob sidecar wrapper version " + Long.toUnsignedString(wrapperVersion),
            position);
      }
      version = 1;
    }
    int position = wrapper.position();
    List<Bytes> blobs = readList(wrapper, BYTES_PER_BLOB, "blob");
    List<Bytes> commitments = readList(wrapper, BYTES_PER_COMMITMENT, "commitment");
    List<Bytes> proofs = readList(wrapper, BYTES_PER_PROOF, "proof");
    wrapper.ensureEnd();
    try {
      return new BlobSidecar(version, blobs, commitments, proofs);
    } catch (IllegalArgumentException e) {
      throw new RlpException("invalid blob sidecar: " + e.getMessage(), position);
    }
  }

  private static List<Bytes> readList(RlpReader reader, int size, String what) {
    RlpReader list = reader.readList();
    List<Bytes> items = new ArrayList<>();
    while (list.hasNext()) {
      items.add(Bytes.wrap(list.readBytes(size, what)));
    }
    return items;
  }
}
