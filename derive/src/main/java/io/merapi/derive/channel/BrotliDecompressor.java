package io.merapi.derive.channel;

import com.aayushatharva.brotli4j.decoder.DecoderJNI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * A brotli stream (RFC 7932) after the channel version byte, decoded by brotli4j's native decoder
 * and fed the way op-node's Go reader is fed: first the 4,095 bytes left in its 4 KiB read buffer
 * after the version byte, then 32 KiB at a time, and all decoded output is taken whenever the
 * decoder wants more input. Both decoders deliver output at the same points, so a corrupt or
 * truncated stream should yield the same prefix here as in op-node (the C decoder and its Go
 * translation flush output at the same points).
 */
final class BrotliDecompressor extends Decompressor {
  private static final int FIRST_CHUNK = 4095;
  private static final int CHUNK = 32 * 1024;

  private final byte[] input;
  private int inputPosition;
  private DecoderJNI.Wrapper decoder;
  private ByteBuffer pending;
  private boolean fed;

  /** Decodes {@code input[offset..]}. */
  BrotliDecompressor(byte[] input, int offset) {
    BrotliNatives.ensureLoaded();
    this.input = input;
    this.inputPosition = offset;
    try {
      decoder = new DecoderJNI.Wrapper(CHUNK);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the brotli decoder", e);
    }
  }

  @Override
  int read(byte[] out, int offset, int length) {
    if (length == 0) {
      return 0;
    }
    while (true) {
      if (pending != null && pending.hasRemaining()) {
        int n = Math.min(length, pending.remaining());
        pending.get(out, offset, n);
        return n;
      }
      pending = null;
      if (!running()) {
        release();
        return 0;
      }
      switch (decoder.getStatus()) {
        case NEEDS_MORE_INPUT -> {
          if (decoder.hasOutput()) {
            pending = decoder.pull();
          } else if (inputPosition >= input.length) {
            stop(Status.TRUNCATED, "the brotli stream ends early");
          } else {
            int n = Math.min(fed ? CHUNK : FIRST_CHUNK, input.length - inputPosition);
            fed = true;
            ByteBuffer buffer = decoder.getInputBuffer();
            buffer.clear();
            buffer.put(input, inputPosition, n);
            inputPosition += n;
            decoder.push(n);
          }
        }
        case NEEDS_MORE_OUTPUT -> pending = decoder.pull();
        case OK -> decoder.push(0);
        case DONE -> {
          if (decoder.hasOutput()) {
            pending = decoder.pull();
          } else {
            stop(Status.FINISHED, "");
          }
        }
        case ERROR -> stop(Status.CORRUPT, "the brotli data is corrupt");
      }
    }
  }

  @Override
  void release() {
    if (running()) {
      stop(Status.CORRUPT, "reading was stopped before the end of the stream");
    }
    pending = null;
    if (decoder != null) {
      decoder.destroy();
      decoder = null;
    }
  }
}
