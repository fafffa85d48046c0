package io.merapi.derive.channel;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.batch.BlockToBatch;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.blob.BlobEncoding;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import io.merapi.types.block.Block;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * A channel being written by a batcher (op-node {@code ChannelOut}): L2 blocks go in as batches,
 * compressed frames come out. {@link SingularChannelOut} writes one singular batch per block and
 * compresses as it goes; {@link SpanChannelOut} writes the blocks as span batches, recompressing
 * them whole to fill a target size.
 *
 * <p>Channel ids are random, from the {@link RandomGenerator} the caller gives (the batcher passes
 * a secure one; tests a seeded one), so that this code stays free of hidden entropy.
 */
public sealed interface ChannelOut permits SingularChannelOut, SpanChannelOut {
  /** op-batcher's default largest calldata transaction, 120,000 bytes, less the version byte. */
  int MAX_CALLDATA_FRAME_SIZE = 120_000 - 1;

  /** The largest frame in a blob: what a blob carries, less the version byte. */
  int MAX_BLOB_FRAME_SIZE = BlobEncoding.MAX_DATA_SIZE - 1;

  /** What became of a block offered to the channel. */
  enum AddResult {
    /** The block is in the channel. */
    ADDED,
    /** The block is not in the channel: it has reached its target size. Close it. */
    CHANNEL_FULL,
    /**
     * The block is not in the channel: its batches would pass {@code MAX_RLP_BYTES_PER_CHANNEL}.
     * Close it.
     */
    TOO_MANY_RLP_BYTES
  }

  ChannelId id();

  /** Starts an empty channel with a new random id. */
  void reset();

  /**
   * Adds an L2 block (its batch, made by {@link BlockToBatch}).
   *
   * @throws IllegalStateException if the channel is closed
   * @throws IllegalArgumentException if the block does not start with its L1 attributes deposit
   */
  default AddResult addBlock(Block block) {
    BlockToBatch.Result batch = BlockToBatch.toSingularBatch(block);
    return addSingularBatch(batch.batch(), batch.sequenceNumber());
  }

  /**
   * Adds one block's batch; {@code sequenceNumber} is the block's position in its epoch.
   *
   * @throws IllegalStateException if the channel is closed
   */
  AddResult addSingularBatch(SingularBatch batch, long sequenceNumber);

  /** The uncompressed RLP bytes of the batches so far. */
  int inputBytes();

  /** The compressed bytes that frames can take now. */
  int readyBytes();

  /** Makes more compressed bytes ready, at some cost in compression (singular channels). */
  void flush();

  /** Whether the channel has reached its target size. */
  boolean isFull();

  /** Ends the channel: no more blocks, and the last frame can be written. */
  void close();

  boolean isClosed();

  /**
   * The next frame, of at most {@code maxSize} bytes on the wire (overhead included), taking as
   * many ready bytes as fit. It is the last frame when the channel is closed and the rest fit.
   *
   * @throws IllegalArgumentException if {@code maxSize} cannot hold the frame overhead
   * @throws IllegalStateException if the last frame was already written, or the channel would need
   *     more than 65,536 frames
   */
  Frame outputFrame(int maxSize);

  /** Closes the channel if needed and writes all its remaining frames. */
  default List<Frame> outputFrames(int maxFrameSize) {
    if (!isClosed()) {
      close();
    }
    List<Frame> frames = new ArrayList<>();
    Frame frame;
    do {
      frame = outputFrame(maxFrameSize);
      frames.add(frame);
    } while (!frame.isLast());
    return frames;
  }

  /**
   * The compressed size a channel of {@code numFrames} frames of at most {@code maxFrameSize} bytes
   * holds (op-batcher {@code MaxDataSize}): a span channel's target.
   */
  static long targetOutputSize(int numFrames, int maxFrameSize) {
    if (maxFrameSize < Frame.OVERHEAD) {
      throw new IllegalArgumentException(
          "a frame of "
              + maxFrameSize
              + " bytes cannot hold its "
              + Frame.OVERHEAD
              + " byte overhead");
    }
    return (long) numFrames * (maxFrameSize - Frame.OVERHEAD);
  }

  /** A random channel id from {@code random}. */
  static ChannelId randomId(RandomGenerator random) {
    byte[] id = new byte[ChannelId.LENGTH];
    random.nextBytes(id);
    return new ChannelId(Bytes.wrap(id));
  }
}
