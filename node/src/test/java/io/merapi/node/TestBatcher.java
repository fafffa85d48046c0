package io.merapi.node;

import com.fasterxml.jackson.databind.JsonNode;
import ethereum.ckzg4844.CKZG4844JNI;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.batch.BlockToBatch;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.rpc.client.RpcClient;
import io.merapi.types.block.Block;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A minimal batcher for the node's scenario tests, until {@code merapi batcher} exists: it reads
 * the sequencer's blocks from its engine over JSON-RPC, puts every few of them into a span-batch
 * channel with derivation's encoder and sends the frames to the batch inbox as calldata, or as
 * blobs ({@link #useBlobs}) with real KZG commitments and proofs, signed by the rollup's batcher
 * key. {@link #postUpTo} is called by the test; nothing runs on its own.
 *
 * <p>Like op-batcher it notices when the sequencer's chain changed under what it posted (an L1
 * reorg made the sequencer rebuild): {@link #postUpTo} then starts again from the block {@link
 * #rewindTo} was last told, or from the first block that changed.
 */
public final class TestBatcher {
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private final RollupConfig rollup;
  private final RpcClient l1;
  private final RpcClient l2;
  private final Secp256k1.PrivateKey key;
  private final SplittableRandom random = new SplittableRandom(7);
  private long posted;
  private final java.util.TreeMap<Long, String> postedHashes = new java.util.TreeMap<>();
  private boolean blobs;

  public TestBatcher(RollupConfig rollup, RpcClient l1, RpcClient l2, Secp256k1.PrivateKey key) {
    this.rollup = rollup;
    this.l1 = l1;
    this.l2 = l2;
    this.key = key;
    this.posted = rollup.genesis().l2().number();
  }

  public long posted() {
    return posted;
  }

  /** From now on frames go to L1 as blobs (one a blob transaction) instead of calldata. */
  public TestBatcher useBlobs() {
    blobs = true;
    return this;
  }

  /**
   * Forgets what was posted after {@code number} (the sequencer's safe head after a reorg, or a
   * channel that never made it): the next {@link #postUpTo} posts from the block after it.
   */
  public void rewindTo(long number) {
    if (number < posted) {
      posted = Math.max(number, rollup.genesis().l2().number());
      postedHashes.tailMap(posted, false).clear();
    }
  }

  /**
   * The first posted block whose hash the sequencer's engine no longer has at its number (its chain
   * was rebuilt), or empty if every posted block still stands.
   */
  public java.util.OptionalLong firstChangedBlock() {
    for (java.util.Map.Entry<Long, String> e : postedHashes.entrySet()) {
      JsonNode block = l2.call("eth_getBlockByNumber", "0x" + Long.toHexString(e.getKey()), false);
      if (block == null || block.isNull() || !block.get("hash").asText().equals(e.getValue())) {
        return java.util.OptionalLong.of(e.getKey());
      }
    }
    return java.util.OptionalLong.empty();
  }

  /** Forgets the hashes of posted blocks up to {@code number} (they are safe: no need to check). */
  public void forgetUpTo(long number) {
    postedHashes.headMap(number, true).clear();
  }

  /** Posts the sequencer's blocks after the last posted one, up to {@code last}, in one channel. */
  public void postUpTo(long last) {
    java.util.OptionalLong changed = firstChangedBlock();
    if (changed.isPresent()) {
      rewindTo(changed.getAsLong() - 1);
    }
    if (last <= posted) {
      return;
    }
    int maxFrame = blobs ? BlobEncoding.MAX_DATA_SIZE - 1 : ChannelOut.MAX_CALLDATA_FRAME_SIZE;
    ChannelOut channel =
        new SpanChannelOut(
            ChannelOutConfig.of(rollup),
            ChannelOut.targetOutputSize(1, maxFrame),
            CompressionAlgo.ZLIB,
            0,
            random);
    java.util.Map<Long, String> hashes = new java.util.TreeMap<>();
    for (long n = posted + 1; n <= last; n++) {
      JsonNode raw = l2.call("debug_getRawBlock", "0x" + Long.toHexString(n));
      Block block = Block.decode(Hex.decode(raw.asText()));
      hashes.put(n, block.header().hash().toHex());
      BlockToBatch.Result batch = BlockToBatch.toSingularBatch(block);
      if (channel.addSingularBatch(batch.batch(), batch.sequenceNumber())
          != ChannelOut.AddResult.ADDED) {
        throw new IllegalStateException("block " + n + " does not fit one channel");
      }
    }
    channel.close();
    for (Frame frame : channel.outputFrames(maxFrame)) {
      if (blobs) {
        sendBlob(BlobEncoding.encode(BatcherTransaction.encode(frame)));
      } else {
        send(BatcherTransaction.encode(frame));
      }
    }
    posted = last;
    postedHashes.putAll(hashes);
  }

  /** One blob in an EIP-4844 transaction, its commitment and proof computed with c-kzg. */
  private void sendBlob(Bytes blob) {
    KzgTrustedSetup.ensureLoaded();
    byte[] commitment = CKZG4844JNI.blobToKzgCommitment(blob.array());
    byte[] proof = CKZG4844JNI.computeBlobKzgProof(blob.array(), commitment);
    BlobSidecar sidecar =
        new BlobSidecar(
            0, List.of(blob), List.of(Bytes.wrap(commitment)), List.of(Bytes.wrap(proof)));
    BlobTransaction tx =
        new BlobTransaction(
            chainId(),
            nonce(),
            GWEI,
            GWEI.multiply(UInt256.valueOf(100)),
            21_000,
            rollup.batchInboxAddress(),
            UInt256.ZERO,
            Bytes.EMPTY,
            AccessList.EMPTY,
            GWEI.multiply(UInt256.valueOf(100)),
            sidecar.versionedHashes(),
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO,
            Optional.of(sidecar));
    l1.call("eth_sendRawTransaction", Hex.encode(tx.sign(key).networkEncoded()));
  }

  private long nonce() {
    return Long.decode(
        l1.call("eth_getTransactionCount", key.address().toHex(), "pending").asText());
  }

  private long chainId() {
    return Long.decode(l1.call("eth_chainId").asText());
  }

  private void send(Bytes data) {
    long nonce =
        Long.decode(l1.call("eth_getTransactionCount", key.address().toHex(), "pending").asText());
    long chainId = Long.decode(l1.call("eth_chainId").asText());
    Address inbox = rollup.batchInboxAddress();
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            chainId,
            nonce,
            GWEI,
            GWEI.multiply(UInt256.valueOf(100)),
            21_000 + 16L * data.length() + 10_000,
            Optional.of(inbox),
            UInt256.ZERO,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO);
    l1.call("eth_sendRawTransaction", Hex.encode(tx.sign(key).encoded()));
  }
}
