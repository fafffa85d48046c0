package io.merapi.derive.channel;

import java.util.Optional;
import java.util.zip.Adler32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A zlib stream (RFC 1950) as Go's {@code compress/zlib} reads it for op-node: a two-byte header
 * (method 8, window at most 32 KiB, check bits, no preset dictionary), raw deflate data, and the
 * Adler-32 of the output. The header is checked by {@link #headerProblem} before reading; the body
 * is inflated by the JDK's zlib and the checksum compared here. Bytes after the checksum are
 * ignored, as Go ignores them.
 */
final class ZlibDecompressor extends Decompressor {
  private static final int HEADER_LENGTH = 2;
  private static final int TRAILER_LENGTH = 4;

  private final byte[] input;
  private final Inflater inflater = new Inflater(true);
  private final Adler32 adler = new Adler32();
  private boolean released;

  ZlibDecompressor(byte[] input) {
    this.input = input;
    inflater.setInput(input, HEADER_LENGTH, input.length - HEADER_LENGTH);
  }

  /**
   * Why {@code data} cannot start a zlib stream that Go's reader accepts, or empty if it can:
   * {@code (CMF * 256 + FLG) % 31 == 0}, compression method 8, window size at most 2^15, and no
   * preset dictionary (op-node gives none).
   */
  static Optional<String> headerProblem(byte[] data) {
    if (data.length < HEADER_LENGTH) {
      return Optional.of("the zlib header is cut off after " + data.length + " byte");
    }
    int cmf = data[0] & 0xff;
    int flg = data[1] & 0xff;
    if ((cmf & 0x0f) != 8) {
      return Optional.of("zlib compression method " + (cmf & 0x0f) + " is not deflate (8)");
    }
    if ((cmf >>> 4) > 7) {
      return Optional.of("zlib window size 2^" + ((cmf >>> 4) + 8) + " is over 2^15");
    }
    if ((cmf * 256 + flg) % 31 != 0) {
      return Optional.of(
          String.format("zlib header check fails for 0x%02x%02x (not a multiple of 31)", cmf, flg));
    }
    if ((flg & 0x20) != 0) {
      return Optional.of("the zlib stream asks for a preset dictionary");
    }
    return Optional.empty();
  }

  @Override
  int read(byte[] out, int offset, int length) {
    if (!running() || length == 0) {
      return 0;
    }
    while (true) {
      long before = inflater.getBytesWritten();
      int n;
      try {
        n = inflater.inflate(out, offset, length);
      } catch (DataFormatException e) {
        // zlib wrote everything it decoded before the bad data; Go's reader delivers that too.
        n = (int) (inflater.getBytesWritten() - before);
        adler.update(out, offset, n);
        stop(Status.CORRUPT, "the zlib data is corrupt: " + e.getMessage());
        release();
        return n;
      }
      if (n > 0) {
        adler.update(out, offset, n);
        return n;
      }
      if (inflater.finished()) {
        checkTrailer();
        release();
        return 0;
      }
      if (inflater.needsInput()) {
        stop(Status.TRUNCATED, "the zlib stream ends early, before its final block");
        release();
        return 0;
      }
      if (inflater.needsDictionary()) {
        stop(Status.CORRUPT, "the zlib data asks for a dictionary");
        release();
        return 0;
      }
    }
  }

  private void checkTrailer() {
    int at = input.length - inflater.getRemaining();
    if (input.length - at < TRAILER_LENGTH) {
      stop(Status.TRUNCATED, "the zlib stream ends inside its Adler-32 checksum");
      return;
    }
    long expected =
        ((input[at] & 0xffL) << 24)
            | ((input[at + 1] & 0xffL) << 16)
            | ((input[at + 2] & 0xffL) << 8)
            | (input[at + 3] & 0xffL);
    if (expected != adler.getValue()) {
      stop(
          Status.CORRUPT,
          String.format(
              "the zlib Adler-32 checksum is 0x%08x, the data's is 0x%08x",
              expected, adler.getValue()));
      return;
    }
    stop(Status.FINISHED, "");
  }

  @Override
  void release() {
    if (running()) {
      stop(Status.CORRUPT, "reading was stopped before the end of the stream");
    }
    if (!released) {
      released = true;
      inflater.end();
    }
  }
}
