package io.merapi.derive.blob;

/**
 * A blob that is not valid rollup data (specs ecotone/derivation.md "Blob Encoding": if any of the
 * encoding is invalid, the blob as a whole must be ignored). The message names what is wrong and
 * where. The only exception {@link BlobEncoding#decode} throws for bad input.
 */
public final class BlobFormatException extends RuntimeException {
  private final int offset;

  public BlobFormatException(String message, int offset) {
    super(message + " (at byte " + offset + " of the blob)");
    this.offset = offset;
  }

  /** The byte offset in the blob where the problem is. */
  public int offset() {
    return offset;
  }
}
