package io.merapi.derive.channel;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.frame.ChannelId;
import io.merapi.derive.frame.Frame;

/** The frame numbering and sizing both channel outs share (op-node {@code createEmptyFrame}). */
final class FrameWriter {
  private int next;
  private boolean lastWritten;

  void reset() {
    next = 0;
    lastWritten = false;
  }

  interface Source {
    int read(byte[] out, int offset, int length);
  }

  Frame write(ChannelId id, int maxSize, int readyBytes, boolean closed, Source source) {
    if (maxSize < Frame.OVERHEAD) {
      throw new IllegalArgumentException(
          "a frame of at most "
              + maxSize
              + " bytes cannot hold the "
              + Frame.OVERHEAD
              + " byte frame overhead");
    }
    if (lastWritten) {
      throw new IllegalStateException("the last frame of channel " + id + " was already written");
    }
    if (next > 0xffff) {
      throw new IllegalStateException("channel " + id + " would need more than 65,536 frames");
    }
    int dataSize = maxSize - Frame.OVERHEAD;
    boolean isLast = false;
    if (dataSize >= readyBytes) {
      dataSize = readyBytes;
      isLast = closed;
    }
    byte[] data = new byte[dataSize];
    int at = 0;
    while (at < dataSize) {
      int n = source.read(data, at, dataSize - at);
      if (n == 0) {
        throw new IllegalStateException("the compressor has fewer bytes than it reported ready");
      }
      at += n;
    }
    lastWritten = isLast;
    return new Frame(id, next++, Bytes.wrap(data), isLast);
  }
}
