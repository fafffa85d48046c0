package io.merapi.batcher.channel;

import io.merapi.derive.channel.ChannelOut;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.derive.channel.Compressor;
import io.merapi.derive.channel.NoneCompressor;
import io.merapi.derive.channel.RatioCompressor;
import io.merapi.derive.channel.ShadowCompressor;
import io.merapi.derive.channel.SingularChannelOut;
import io.merapi.derive.channel.SpanChannelOut;
import io.merapi.derive.frame.Frame;
import java.util.random.RandomGenerator;

/**
 * How channels are built and cut (op-batcher {@code ChannelConfig}).
 *
 * @param seqWindowSize the rollup's sequencing window, in L1 blocks
 * @param channelTimeout the rollup's channel timeout, in L1 blocks
 * @param maxChannelDuration close a channel this many L1 blocks after it opened (0: never)
 * @param subSafetyMargin L1 blocks kept in hand before the sequencing window or channel timeout
 * @param maxFrameSize the largest frame on the wire (calldata: the transaction size less the
 *     version byte; blobs: what a blob carries less the version byte)
 * @param targetNumFrames frames a full channel aims at; with blobs also the blobs per transaction
 * @param compressor what decides that a singular-batch channel is full, and the compression
 * @param approxComprRatio the ratio compressor's expected compressed/uncompressed ratio
 * @param batchType singular or span batches
 * @param useBlobs frames go to L1 as blobs instead of calldata
 */
public record ChannelConfig(
    long seqWindowSize,
    long channelTimeout,
    long maxChannelDuration,
    long subSafetyMargin,
    int maxFrameSize,
    int targetNumFrames,
    CompressorKind compressor,
    double approxComprRatio,
    CompressionAlgo compressionAlgo,
    BatchType batchType,
    boolean useBlobs) {

  /** Blobs a transaction may carry on L1 (Cancun's six). */
  public static final int MAX_BLOBS_PER_TX = 6;

  public ChannelConfig {
    if (channelTimeout <= subSafetyMargin) {
      throw new IllegalArgumentException(
          "the channel timeout ("
              + channelTimeout
              + " L1 blocks) must be larger than the sub-safety margin ("
              + subSafetyMargin
              + ")");
    }
    if (maxFrameSize < Frame.OVERHEAD + 1) {
      throw new IllegalArgumentException(
          "a frame of at most "
              + maxFrameSize
              + " bytes cannot hold the "
              + Frame.OVERHEAD
              + " byte frame overhead and data");
    }
    if (targetNumFrames < 1) {
      throw new IllegalArgumentException("the target number of frames must be at least 1");
    }
    if (useBlobs && maxFrameSize > ChannelOut.MAX_BLOB_FRAME_SIZE) {
      throw new IllegalArgumentException(
          "a blob frame holds at most " + ChannelOut.MAX_BLOB_FRAME_SIZE + " bytes");
    }
    if (useBlobs && targetNumFrames > MAX_BLOBS_PER_TX) {
      throw new IllegalArgumentException(
          "a blob transaction carries at most "
              + MAX_BLOBS_PER_TX
              + " blobs, not "
              + targetNumFrames);
    }
    if (compressor == CompressorKind.RATIO && !(approxComprRatio > 0 && approxComprRatio <= 1)) {
      throw new IllegalArgumentException(
          "the approximate compression ratio must be in (0, 1], not " + approxComprRatio);
    }
  }

  /** The same settings with frames as blobs of {@code blobsPerTx} (a full blob frame each). */
  public ChannelConfig asBlobs(int blobsPerTx) {
    return new ChannelConfig(
        seqWindowSize,
        channelTimeout,
        maxChannelDuration,
        subSafetyMargin,
        ChannelOut.MAX_BLOB_FRAME_SIZE,
        blobsPerTx,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        true);
  }

  /** The same settings with frames as calldata of transactions of {@code maxL1TxSize} bytes. */
  public ChannelConfig asCalldata(int maxL1TxSize, int numFrames) {
    return new ChannelConfig(
        seqWindowSize,
        channelTimeout,
        maxChannelDuration,
        subSafetyMargin,
        maxL1TxSize - 1,
        numFrames,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        false);
  }

  /** Frames in one L1 transaction: one as calldata, the target number as blobs. */
  public int maxFramesPerTx() {
    return useBlobs ? targetNumFrames : 1;
  }

  /** The compressed size a full channel aims at (op-batcher {@code MaxDataSize}). */
  public long targetOutputSize() {
    return ChannelOut.targetOutputSize(targetNumFrames, maxFrameSize);
  }

  /** A new, empty channel out for these settings. */
  public ChannelOut newChannelOut(ChannelOutConfig chain, RandomGenerator random) {
    return switch (batchType) {
      case SINGULAR -> new SingularChannelOut(chain, newCompressor(), random);
      // A span channel recompresses itself to its target: the compressor kind does not apply.
      case SPAN -> new SpanChannelOut(chain, targetOutputSize(), compressionAlgo, 0, random);
    };
  }

  Compressor newCompressor() {
    return switch (compressor) {
      case RATIO -> new RatioCompressor(targetOutputSize(), approxComprRatio, compressionAlgo);
      case SHADOW -> new ShadowCompressor(targetOutputSize(), compressionAlgo);
      case NONE -> new NoneCompressor(targetOutputSize());
    };
  }
}
