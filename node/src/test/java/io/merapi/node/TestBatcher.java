package io.merapi.node;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.derive.batch.BlockToBatch;
import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.BatcherTransaction;
import io.merapi.derive.frame.Frame;
import io.merapi.rpc.client.RpcClient;
import io.merapi.types.block.Block;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * A minimal batcher for the node's scenario tests, until {@code merapi batcher} exists: it reads
 * the sequencer's blocks from its engine over JSON-RPC, puts every few of them into a span-batch
 * channel with derivation's encoder and sends the frames to the batch inbox as calldata, signed by
 * the rollup's batcher key. {@link #postUpTo} is called by the test; nothing runs on its own.
 */
public final class TestBatcher {
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private final RollupConfig rollup;
  private final RpcClient l1;
  private final RpcClient l2;
  private final Secp256k1.PrivateKey key;
  private final SplittableRandom random = new SplittableRandom(7);
  private long posted;

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

  /** Posts the sequencer's blocks after the last posted one, up to {@code last}, in one channel. */
  public void postUpTo(long last) {
    if (last <= posted) {
      return;
    }
    ChannelOut channel =
        new SpanChannelOut(
            ChannelOutConfig.of(rollup),
            ChannelOut.targetOutputSize(1, ChannelOut.MAX_CALLDATA_FRAME_SIZE),
            CompressionAlgo.ZLIB,
            0,
            random);
    for (long n = posted + 1; n <= last; n++) {
      JsonNode raw = l2.call("debug_getRawBlock", "0x" + Long.toHexString(n));
      Block block = Block.decode(Hex.decode(raw.asText()));
      BlockToBatch.Result batch = BlockToBatch.toSingularBatch(block);
      if (channel.addSingularBatch(batch.batch(), batch.sequenceNumber())
          != ChannelOut.AddResult.ADDED) {
        throw new IllegalStateException("block " + n + " does not fit one channel");
      }
    }
    channel.close();
    for (Frame frame : channel.outputFrames(ChannelOut.MAX_CALLDATA_FRAME_SIZE)) {
      send(BatcherTransaction.encode(frame));
    }
    posted = last;
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
