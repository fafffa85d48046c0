package io.merapi.faultproof.client;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.faultproof.hint.HintType;
import io.merapi.faultproof.preimage.BlobPoints;
import io.merapi.faultproof.preimage.PreimageKey;
import io.merapi.faultproof.preimage.PreimageUnavailableException;
import io.merapi.trie.NodeSource;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The L1 chain up to the boot's L1 head, read through the oracle as op-program's client reads it: a
 * header by the keccak pre-image of its hash (hint {@code l1-block-header}), the canonical chain by
 * walking parent hashes back from the head, transactions and receipts through the header's list
 * tries (hints {@code l1-transactions}, {@code l1-receipts}), and blobs field element by field
 * element through blob keys (hint {@code l1-blob}).
 */
public final class OracleL1 implements L1Source, BlobSource {
  private static final int BLOB_SIZE = 32 * BlobPoints.COUNT;

  private final Oracle oracle;
  private final HeaderChain chain;

  public OracleL1(Oracle oracle, Hash l1Head) {
    this.oracle = oracle;
    this.chain = new HeaderChain(oracle, HintType.L1_BLOCK_HEADER, l1Head);
  }

  @Override
  public Header headerByHash(Hash hash) {
    return chain.header(hash);
  }

  @Override
  public L1BlockRef blockRefByHash(Hash hash) {
    return ref(hash, chain.header(hash));
  }

  @Override
  public Optional<L1BlockRef> blockRefByNumber(long number) {
    return chain.hashByNumber(number).map(this::blockRefByHash);
  }

  @Override
  public List<Transaction> transactionsByHash(Hash hash) {
    Header header = headerByHash(hash);
    oracle.hint(HintType.L1_TRANSACTIONS.with(hash));
    return ListTrie.read(header.transactionsRoot(), nodes(), TransactionDecoder::decode);
  }

  @Override
  public List<Receipt> receiptsByHash(Hash hash) {
    Header header = headerByHash(hash);
    oracle.hint(HintType.L1_RECEIPTS.with(hash));
    return ListTrie.read(header.receiptsRoot(), nodes(), Receipt::decode);
  }

  /**
   * Each blob: the hint names its versioned hash and the block's time; the commitment is the sha256
   * pre-image of the versioned hash (so it is checked), then element i is the value under the blob
   * key of the commitment and the i-th evaluation point.
   */
  @Override
  public List<Bytes> blobs(L1BlockRef ref, List<IndexedBlobHash> hashes) {
    List<Bytes> blobs = new ArrayList<>(hashes.size());
    for (IndexedBlobHash indexed : hashes) {
      Hash versionedHash = indexed.hash();
      byte[] hintData =
          ByteBuffer.allocate(40).put(versionedHash.toArray()).putLong(ref.time()).array();
      oracle.hint(HintType.L1_BLOB.with(Bytes.wrap(hintData)));
      byte[] commitment = oracle.get(PreimageKey.sha256(versionedHash));
      if (commitment.length != 48) {
        throw new PreimageUnavailableException(
            "blob commitment of " + versionedHash + " has " + commitment.length + " bytes, not 48");
      }
      byte[] blob = new byte[BLOB_SIZE];
      for (int i = 0; i < BlobPoints.COUNT; i++) {
        byte[] element = oracle.get(PreimageKey.blob(commitment, BlobPoints.rootOfUnity(i)));
        if (element.length != 32) {
          throw new PreimageUnavailableException(
              "field element "
                  + i
                  + " of blob "
                  + versionedHash
                  + " has "
                  + element.length
                  + " bytes, not 32");
        }
        System.arraycopy(element, 0, blob, 32 * i, 32);
      }
      blobs.add(Bytes.wrap(blob));
    }
    return blobs;
  }

  private NodeSource nodes() {
    return hash -> Optional.of(oracle.keccak(hash));
  }

  private static L1BlockRef ref(Hash hash, Header header) {
    return new L1BlockRef(hash, header.number(), header.parentHash(), header.timestamp());
  }
}
