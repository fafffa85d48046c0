package io.merapi.derive.channel;

import com.aayushatharva.brotli4j.encoder.Encoder;
import com.aayushatharva.brotli4j.encoder.EncoderJNI;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * Brotli at quality 9, 10 or 11 with the default 4 MiB window (as op-batcher's Go writer), after
 * the channel version byte 0x01, through brotli4j's native encoder.
 */
final class BrotliChannelCompressor extends ChannelCompressor {
  private static final int INPUT_BUFFER = 64 * 1024;
  private static final int WINDOW_BITS = 22;

  private final int quality;
  private EncoderJNI.Wrapper encoder;
  private boolean closed;

  BrotliChannelCompressor(int quality) {
    BrotliNatives.ensureLoaded();
    this.quality = quality;
    start();
  }

  private void start() {
    try {
      encoder = new EncoderJNI.Wrapper(INPUT_BUFFER, quality, WINDOW_BITS, Encoder.Mode.GENERIC);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the brotli encoder", e);
    }
    clearBuffer();
    append(new byte[] {Compression.CHANNEL_VERSION_BROTLI}, 0, 1);
    closed = false;
  }

  @Override
  public void write(byte[] data, int offset, int length) {
    if (closed) {
      throw new IllegalStateException("the brotli stream is closed");
    }
    int at = offset;
    int left = length;
    while (left > 0) {
      ByteBuffer input = encoder.getInputBuffer();
      input.clear();
      int n = Math.min(left, input.capacity());
      input.put(data, at, n);
      at += n;
      left -= n;
      run(EncoderJNI.Operation.PROCESS, n);
    }
  }

  @Override
  public void flush() {
    if (!closed) {
      run(EncoderJNI.Operation.FLUSH, 0);
    }
  }

  @Override
  public void close() {
    if (!closed) {
      run(EncoderJNI.Operation.FINISH, 0);
      // Output is drained after every push, so one FINISH ends the stream; check it anyway.
      for (int i = 0; i < 4 && !encoder.isFinished(); i++) {
        run(EncoderJNI.Operation.FINISH, 0);
      }
      if (!encoder.isFinished()) {
        throw new IllegalStateException("the brotli encoder did not finish its stream");
      }
      closed = true;
    }
  }

  /** Pushes {@code length} input bytes with {@code operation} and takes all output it gives. */
  private void run(EncoderJNI.Operation operation, int length) {
    encoder.push(operation, length);
    while (true) {
      if (!encoder.isSuccess()) {
        throw new IllegalStateException("brotli encoding failed");
      }
      if (encoder.hasMoreOutput()) {
        append(encoder.pull());
      } else if (encoder.hasRemainingInput()) {
        encoder.push(operation, 0);
      } else {
        return;
      }
    }
  }

  @Override
  public void reset() {
    encoder.destroy();
    start();
  }

  @Override
  public void release() {
    encoder.destroy();
  }
}
