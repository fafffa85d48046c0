package io.merapi.derive.channel;

/**
 * A channel's compressed stream being inflated, chunk by chunk. Output stops for good when the
 * stream ends properly, when the compressed bytes run out before that, or at corrupt data; all
 * output decoded before that point is delivered first, as op-node's readers deliver it.
 */
abstract sealed class Decompressor permits ZlibDecompressor, BrotliDecompressor {
  /** Where the stream stands. */
  enum Status {
    RUNNING,
    /** The stream ended properly (zlib: with a matching Adler-32 checksum). */
    FINISHED,
    /** The compressed bytes ended before the stream did. */
    TRUNCATED,
    /** The compressed bytes are not a valid stream from some point on. */
    CORRUPT
  }

  private Status status = Status.RUNNING;
  private String detail = "";

  /**
   * Inflates up to {@code length} bytes into {@code out} at {@code offset}; returns how many, and 0
   * only once output has stopped for good (then {@link #status()} says why).
   */
  abstract int read(byte[] out, int offset, int length);

  /** Frees native resources; reading afterwards returns 0. */
  abstract void release();

  Status status() {
    return status;
  }

  /** What ended the stream, for messages. */
  String detail() {
    return detail;
  }

  final void stop(Status status, String detail) {
    this.status = status;
    this.detail = detail;
  }

  final boolean running() {
    return status == Status.RUNNING;
  }
}
