package io.merapi.explorer.rollup;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.blob.BlobFormatException;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.derive.frame.FrameParseResult;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.stage.BatcherTransactions;
import io.merapi.types.block.Header;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The batcher transactions of one L1 block and the frames their data holds: calldata directly,
 * blobs through the L1 beacon API when one is given. The transactions are picked as derivation
 * picks them (derive's {@link BatcherTransactions}: to the batch inbox, from the batcher).
 */
final class InboxReader {
  /** What one block's batcher transactions hold; {@code unreadable} says what could not be read. */
  record Inbox(List<BatchMatch.Submitted> submitted, List<String> unreadable) {
    Inbox {
      submitted = List.copyOf(submitted);
      unreadable = List.copyOf(unreadable);
    }
  }

  private final Optional<BlobSource> blobs;

  InboxReader(Optional<BlobSource> blobs) {
    this.blobs = blobs;
  }

  /** The inbox transactions of {@code block} sent by {@code batcher}, in block order. */
  static List<Transaction> batcherTransactions(RpcBlock block, Address inbox, Address batcher) {
    List<Transaction> out = new ArrayList<>();
    if (block.transactions() instanceof RpcBlock.Full full) {
      for (RpcTransaction rpcTx : full.transactions()) {
        Transaction tx = rpcTx.transaction();
        if (BatcherTransactions.isBatcherTransaction(tx, inbox, batcher)) {
          out.add(tx);
        }
      }
    }
    return out;
  }

  /** The frames of each batcher transaction of {@code block}. */
  Inbox read(RpcBlock block, Address inbox, Address batcher) {
    List<BatchMatch.Submitted> submitted = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    // A blob's index counts every blob of the block, the batcher's or not.
    int blobIndex = 0;
    List<Transaction> all = new ArrayList<>();
    if (block.transactions() instanceof RpcBlock.Full full) {
      for (RpcTransaction rpcTx : full.transactions()) {
        all.add(rpcTx.transaction());
      }
    }
    for (Transaction tx : all) {
      int firstBlob = blobIndex;
      blobIndex += tx.blobVersionedHashes().size();
      if (!BatcherTransactions.isBatcherTransaction(tx, inbox, batcher)) {
        continue;
      }
      List<Bytes> data;
      if (tx.type() == TransactionType.BLOB) {
        Optional<List<Bytes>> fromBlobs = blobData(block.header(), tx, firstBlob, unreadable);
        if (fromBlobs.isEmpty()) {
          continue;
        }
        data = fromBlobs.get();
      } else {
        data = List.of(tx.data());
      }
      List<Frame> frames = new ArrayList<>();
      for (Bytes d : data) {
        // Invalid data is expected on L1 (anyone may write to the inbox): it carries nothing.
        if (BatcherTransaction.parseFrames(d) instanceof FrameParseResult.Valid valid) {
          frames.addAll(valid.frames());
        }
      }
      submitted.add(new BatchMatch.Submitted(tx.hash(), frames));
    }
    return new Inbox(submitted, unreadable);
  }

  private Optional<List<Bytes>> blobData(
      Header header, Transaction tx, int firstBlob, List<String> unreadable) {
    if (blobs.isEmpty()) {
      unreadable.add(
          "transaction " + tx.hash() + " carries blobs, and no L1 beacon API (--l1.beacon) is set");
      return Optional.empty();
    }
    List<BlobSource.IndexedBlobHash> hashes = new ArrayList<>();
    List<Hash> versioned = tx.blobVersionedHashes();
    for (int i = 0; i < versioned.size(); i++) {
      hashes.add(new BlobSource.IndexedBlobHash(firstBlob + i, versioned.get(i)));
    }
    L1BlockRef ref =
        new L1BlockRef(header.hash(), header.number(), header.parentHash(), header.timestamp());
    List<Bytes> out = new ArrayList<>();
    try {
      for (Bytes blob : blobs.get().blobs(ref, hashes)) {
        out.add(BlobEncoding.decode(blob));
      }
    } catch (BlobFormatException e) {
      // Not frames: derivation skips such a blob's data too.
      return Optional.of(out);
    } catch (RuntimeException e) {
      // Pruned, or the beacon node is away: say so, the page lists the candidates.
      unreadable.add(
          "the blobs of transaction " + tx.hash() + " cannot be read now: " + e.getMessage());
      return Optional.empty();
    }
    return Optional.of(out);
  }
}
