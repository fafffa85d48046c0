package io.merapi.bench.node;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
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
 * Posts L2 blocks to the L1 as op-batcher does with calldata: span-batch channels compressed with
 * zlib, each of at most {@code framesPerChannel} frames of 120,000 bytes, every frame one
 * transaction from the batcher key to the batch inbox. A channel is sent when it is full or when
 * {@link #flush} is called; its transactions land in the next L1 block.
 */
final class CalldataBatcher {
  private static final UInt256 GWEI = UInt256.valueOf(1_000_000_000L);

  private final RollupConfig rollup;
  private final RpcClient l1;
  private final Secp256k1.PrivateKey key;
  private final long chainId;
  private final ChannelOut channel;
  private long nonce;
  private int blocksInChannel;
  private long frames;
  private long bytes;

  CalldataBatcher(RollupConfig rollup, RpcClient l1, Secp256k1.PrivateKey key, int frames) {
    this.rollup = rollup;
    this.l1 = l1;
    this.key = key;
    this.chainId = Long.decode(l1.call("eth_chainId").asText());
    this.nonce =
        Long.decode(l1.call("eth_getTransactionCount", key.address().toHex(), "pending").asText());
    this.channel =
        new SpanChannelOut(
            ChannelOutConfig.of(rollup),
            ChannelOut.targetOutputSize(frames, ChannelOut.MAX_CALLDATA_FRAME_SIZE),
            CompressionAlgo.ZLIB,
            0,
            new SplittableRandom(7));
  }

  /** Adds a block to the open channel, sending the channel first if it is full. */
  void add(Block block) {
    ChannelOut.AddResult result = channel.addBlock(block);
    if (result != ChannelOut.AddResult.ADDED) {
      flush();
      result = channel.addBlock(block);
      if (result != ChannelOut.AddResult.ADDED) {
        throw new IllegalStateException(
            "block " + block.header().number() + " does not fit an empty channel: " + result);
      }
    }
    blocksInChannel++;
  }

  int blocksInChannel() {
    return blocksInChannel;
  }

  /** Sends the open channel's frames, if it holds any block, and starts a new channel. */
  void flush() {
    if (blocksInChannel == 0) {
      return;
    }
    for (Frame frame : channel.outputFrames(ChannelOut.MAX_CALLDATA_FRAME_SIZE)) {
      send(BatcherTransaction.encode(frame));
    }
    channel.reset();
    blocksInChannel = 0;
  }

  long frames() {
    return frames;
  }

  long bytes() {
    return bytes;
  }

  private void send(Bytes data) {
    DynamicFeeTransaction tx =
        new DynamicFeeTransaction(
            chainId,
            nonce++,
            GWEI,
            GWEI.multiply(UInt256.valueOf(100)),
            21_000 + 16L * data.length() + 10_000,
            Optional.of(rollup.batchInboxAddress()),
            UInt256.ZERO,
            data,
            AccessList.EMPTY,
            UInt256.ZERO,
            UInt256.ZERO,
            UInt256.ZERO);
    l1.call("eth_sendRawTransaction", Hex.encode(tx.sign(key).encoded()));
    frames++;
    bytes += data.length();
  }
}
