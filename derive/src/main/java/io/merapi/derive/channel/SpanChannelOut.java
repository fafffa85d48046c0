package io.merapi.derive.channel;

import io.merapi.base.rlp.Rlp;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.batch.SpanBatchBuilder;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.util.Arrays;
import java.util.random.RandomGenerator;

/**
 * A channel of span batches (op-node {@code SpanChannelOut}): blocks accumulate in one span batch
 * (or several, with a maximum number of blocks per span batch), whose RLP encoding is kept in two
 * buffers, with and without the last block. The whole encoding is compressed again once it could
 * reach the target size; if the last block made the channel overflow, the channel goes back to the
 * buffer without it and reports {@link AddResult#CHANNEL_FULL}. Frames are only ready once the
 * channel is full or closed.
 */
public final class SpanChannelOut implements ChannelOut {
  private final ChannelOutConfig config;
  private final long target;
  private final int maxBlocksPerSpanBatch;
  private final RandomGenerator random;
  private final ChannelCompressor compressor;
  private final FrameWriter frames = new FrameWriter();
  private final RlpBuffer[] rlp = {new RlpBuffer(), new RlpBuffer()};
  private int active;
  private int lastCompressedRlpSize;
  private int sealedRlpBytes;
  private SpanBatchBuilder spanBatch;
  private ChannelId id;
  private boolean closed;
  private boolean full;

  /**
   * A span channel compressing with {@code algo} up to {@code targetOutputSize} bytes; with {@code
   * maxBlocksPerSpanBatch} above 0, a new span batch starts after that many blocks.
   */
  public SpanChannelOut(
      ChannelOutConfig config,
      long targetOutputSize,
      CompressionAlgo algo,
      int maxBlocksPerSpanBatch,
      RandomGenerator random) {
    this.config = config;
    this.target = targetOutputSize;
    this.maxBlocksPerSpanBatch = maxBlocksPerSpanBatch;
    this.random = random;
    this.compressor = ChannelCompressor.create(algo);
    this.spanBatch = new SpanBatchBuilder(config.l2GenesisTime(), config.l2ChainId());
    this.id = ChannelOut.randomId(random);
  }

  @Override
  public ChannelId id() {
    return id;
  }

  @Override
  public void reset() {
    closed = false;
    full = false;
    frames.reset();
    sealedRlpBytes = 0;
    rlp[0].truncate(0);
    rlp[1].truncate(0);
    lastCompressedRlpSize = 0;
    compressor.reset();
    spanBatch = new SpanBatchBuilder(config.l2GenesisTime(), config.l2ChainId());
    id = ChannelOut.randomId(random);
  }

  @Override
  public AddResult addSingularBatch(SingularBatch batch, long sequenceNumber) {
    if (closed) {
      throw new IllegalStateException("channel " + id + " is closed");
    }
    if (full) {
      return AddResult.CHANNEL_FULL;
    }
    ensureOpenSpanBatch();
    spanBatch.append(batch, sequenceNumber);
    // The other buffer becomes the active one; the one left holds the channel without this block.
    active ^= 1;
    RlpBuffer current = rlp[active];
    current.truncate(sealedRlpBytes);
    current.write(Rlp.encodeBytes(spanBatch.encodeBatchData().array()));
    if (current.size() > config.maxRlpBytesPerChannel(batch.timestamp())) {
      // op-node keeps the block in the active buffer here; going back to the buffer without it
      // keeps a later close from writing the block into this channel as well as the next.
      active ^= 1;
      compress();
      full = true;
      return AddResult.TOO_MANY_RLP_BYTES;
    }
    // Skip compressing while the compressed size plus the new RLP bytes is under the target.
    int rlpGrowth = current.size() - lastCompressedRlpSize;
    if ((long) compressor.length() + rlpGrowth < target) {
      return AddResult.ADDED;
    }
    compress();
    if (full) {
      // The first block of a channel always stays, and so does one that fills it exactly.
      if (sealedRlpBytes == 0 && spanBatch.blockCount() == 1) {
        return AddResult.ADDED;
      }
      if (compressor.length() == target) {
        return AddResult.ADDED;
      }
      active ^= 1;
      compress();
      return AddResult.CHANNEL_FULL;
    }
    return AddResult.ADDED;
  }

  /** Seals the span batch once it has its maximum number of blocks, and starts a new one. */
  private void ensureOpenSpanBatch() {
    if (maxBlocksPerSpanBatch == 0 || spanBatch.blockCount() < maxBlocksPerSpanBatch) {
      return;
    }
    RlpBuffer current = rlp[active];
    sealedRlpBytes = current.size();
    rlp[active ^ 1].copyFrom(current);
    spanBatch.reset();
  }

  /** Compresses the active buffer from scratch: span batches do not compress incrementally. */
  private void compress() {
    compressor.reset();
    RlpBuffer current = rlp[active];
    compressor.write(current.data(), 0, current.size());
    lastCompressedRlpSize = current.size();
    compressor.close();
    if (compressor.length() >= target) {
      full = true;
    }
  }

  @Override
  public int inputBytes() {
    return rlp[active].size();
  }

  @Override
  public int readyBytes() {
    return closed || full ? compressor.length() : 0;
  }

  /** Span channels manage their compressor; frames are ready once full or closed. */
  @Override
  public void flush() {}

  @Override
  public boolean isFull() {
    return full;
  }

  @Override
  public void close() {
    if (closed) {
      throw new IllegalStateException("channel " + id + " is already closed");
    }
    closed = true;
    if (!full) {
      compress();
    }
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public Frame outputFrame(int maxSize) {
    return frames.write(id, maxSize, readyBytes(), closed, compressor::read);
  }

  /** A growable byte buffer that can be cut back. */
  private static final class RlpBuffer {
    private byte[] data = new byte[1024];
    private int size;

    void write(byte[] bytes) {
      if (size + bytes.length > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, size + bytes.length));
      }
      System.arraycopy(bytes, 0, data, size, bytes.length);
      size += bytes.length;
    }

    void truncate(int length) {
      size = length;
    }

    void copyFrom(RlpBuffer other) {
      data = Arrays.copyOf(other.data, Math.max(other.data.length, 1024));
      size = other.size;
    }

    byte[] data() {
      return data;
    }

    int size() {
      return size;
    }
  }
}
