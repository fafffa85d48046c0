package io.merapi.derive.channel;

import io.merapi.base.rlp.Rlp;
import io.merapi.derive.batch.BatchData;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;
import java.util.random.RandomGenerator;

/**
 * A channel of singular batches (op-node {@code SingularChannelOut}): each block's batch is
 * RLP-wrapped and streamed into the compressor, which decides when the channel is full.
 */
public final class SingularChannelOut implements ChannelOut {
  private final ChannelOutConfig config;
  private final Compressor compressor;
  private final RandomGenerator random;
  private final FrameWriter frames = new FrameWriter();
  private ChannelId id;
  private int rlpLength;
  private boolean closed;

  public SingularChannelOut(
      ChannelOutConfig config, Compressor compressor, RandomGenerator random) {
    this.config = config;
    this.compressor = compressor;
    this.random = random;
    this.id = ChannelOut.randomId(random);
  }

  @Override
  public ChannelId id() {
    return id;
  }

  @Override
  public void reset() {
    frames.reset();
    rlpLength = 0;
    compressor.reset();
    closed = false;
    id = ChannelOut.randomId(random);
  }

  @Override
  public AddResult addSingularBatch(SingularBatch batch, long sequenceNumber) {
    if (closed) {
      throw new IllegalStateException("channel " + id + " is closed");
    }
    byte[] encoded = Rlp.encodeBytes(new BatchData.Singular(batch).encode().array());
    // The limit follows the batch's time: a channel with a post-Fjord block lands after Fjord.
    if ((long) rlpLength + encoded.length > config.maxRlpBytesPerChannel(batch.timestamp())) {
      return AddResult.TOO_MANY_RLP_BYTES;
    }
    if (!compressor.write(encoded)) {
      return AddResult.CHANNEL_FULL;
    }
    rlpLength += encoded.length;
    return AddResult.ADDED;
  }

  @Override
  public int inputBytes() {
    return rlpLength;
  }

  @Override
  public int readyBytes() {
    return compressor.length();
  }

  @Override
  public void flush() {
    compressor.flush();
  }

  @Override
  public boolean isFull() {
    return compressor.isFull();
  }

  @Override
  public void close() {
    if (closed) {
      throw new IllegalStateException("channel " + id + " is already closed");
    }
    closed = true;
    compressor.close();
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public Frame outputFrame(int maxSize) {
    return frames.write(id, maxSize, readyBytes(), closed, compressor::read);
  }
}
