package io.merapi.derive.stage;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.blob.BlobFormatException;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Batcher data from Ecotone (ecotone/derivation.md "Ecotone: Blob Retrieval"): calldata of batcher
 * transactions of types other than 3, and the blobs of batcher blob transactions (their calldata
 * ignored), all "in the same loop ... in the order they appear in the block". A blob that does not
 * decode is skipped.
 */
final class BlobDataSource implements DataAvailabilitySource.DataIterator {

  /** One piece of the block's data: a transaction's calldata, or one of its blobs. */
  private sealed interface Piece {}

  private record Calldata(Bytes data) implements Piece {}

  private record BlobRef(BlobSource.IndexedBlobHash hash) implements Piece {}

  private record Blob(Bytes blob) implements Piece {}

  private final L1Source l1;
  private final BlobSource blobs;
  private final L1BlockRef block;
  private final Address batchInbox;
  private final Address batcher;
  private List<Piece> pieces;
  private int position;

  BlobDataSource(
      L1Source l1, BlobSource blobs, L1BlockRef block, Address batchInbox, Address batcher) {
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.blobs = Objects.requireNonNull(blobs, "blobs");
    this.block = Objects.requireNonNull(block, "block");
    this.batchInbox = Objects.requireNonNull(batchInbox, "batchInbox");
    this.batcher = Objects.requireNonNull(batcher, "batcher");
  }

  @Override
  public StageResult<Bytes> next() {
    if (pieces == null) {
      pieces = open();
    }
    while (position < pieces.size()) {
      Piece piece = pieces.get(position++);
      switch (piece) {
        case Calldata c -> {
          return StageResult.ready(c.data());
        }
        case Blob b -> {
          try {
            return StageResult.ready(BlobEncoding.decode(b.blob()));
          } catch (BlobFormatException e) {
            // "If any of the encoding is invalid, the blob as a whole must be ignored."
          }
        }
        case BlobRef r -> throw new IllegalStateException("blob " + r + " was not fetched");
      }
    }
    return StageResult.eof();
  }

  private List<Piece> open() {
    List<Piece> found = new ArrayList<>();
    List<BlobSource.IndexedBlobHash> hashes = new ArrayList<>();
    // A blob's index counts every blob of the block, batcher's or not.
    int blobIndex = 0;
    for (Transaction tx : l1.transactionsByHash(block.hash())) {
      if (!BatcherTransactions.isBatcherTransaction(tx, batchInbox, batcher)) {
        blobIndex += tx.blobVersionedHashes().size();
        continue;
      }
      if (tx.type() != TransactionType.BLOB) {
        found.add(new Calldata(tx.data()));
        continue;
      }
      for (Hash hash : tx.blobVersionedHashes()) {
        BlobSource.IndexedBlobHash indexed = new BlobSource.IndexedBlobHash(blobIndex++, hash);
        hashes.add(indexed);
        found.add(new BlobRef(indexed));
      }
    }
    if (hashes.isEmpty()) {
      return found;
    }
    List<Bytes> fetched = blobs.blobs(block, hashes);
    if (fetched.size() != hashes.size()) {
      // op-node: a blob source that answers with the wrong number of blobs is a reset error.
      throw new DerivationException.Reset(
          "blob source returned "
              + fetched.size()
              + " blobs for "
              + hashes.size()
              + " hashes of L1 block "
              + block.hash());
    }
    int next = 0;
    for (int i = 0; i < found.size(); i++) {
      if (found.get(i) instanceof BlobRef) {
        found.set(i, new Blob(Objects.requireNonNull(fetched.get(next++), "blob")));
      }
    }
    return found;
  }
}
