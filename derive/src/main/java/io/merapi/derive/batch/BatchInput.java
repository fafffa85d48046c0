package io.merapi.derive.batch;

import java.util.Arrays;

/**
 * A cursor over a batch's bytes for the span batch decoder. Offsets in errors are relative to
 * {@code origin}, the first byte of the batch's content.
 */
final class BatchInput {
  /** The longest uvarint of a uint64 (Go {@code binary.MaxVarintLen64}). */
  static final int MAX_UVARINT_LENGTH = 10;

  private final byte[] data;
  private final int origin;
  private final int end;
  private int position;

  BatchInput(byte[] data, int offset, int end) {
    this.data = data;
    this.origin = offset;
    this.position = offset;
    this.end = end;
  }

  byte[] data() {
    return data;
  }

  int position() {
    return position;
  }

  /** The current position relative to the batch's first byte. */
  int offset() {
    return position - origin;
  }

  int remaining() {
    return end - position;
  }

  void skip(int count) {
    position += count;
  }

  /**
   * Reads an unsigned LEB128 varint as Go's {@code binary.ReadUvarint} does, which op-node uses: at
   * most 10 bytes, the tenth at most 1; non-minimal encodings (trailing {@code 0x80} groups) are
   * accepted.
   */
  long readUvarint(String field) {
    return readUvarint(field, -1);
  }

  /**
   * {@link #readUvarint(String)} for element {@code index} of a list field; the name is only built
   * for an error, as this runs for every transaction.
   */
  long readUvarint(String field, int index) {
    int start = position;
    long value = 0;
    int shift = 0;
    for (int i = 0; i < MAX_UVARINT_LENGTH; i++) {
      if (position >= end) {
        throw new BatchFormatException(
            i == 0
                ? name(field, index) + " is missing"
                : name(field, index) + " ends inside its uvarint",
            start - origin);
      }
      int b = data[position++] & 0xff;
      if (b < 0x80) {
        if (i == MAX_UVARINT_LENGTH - 1 && b > 1) {
          break;
        }
        return value | ((long) b << shift);
      }
      value |= (long) (b & 0x7f) << shift;
      shift += 7;
    }
    throw new BatchFormatException(name(field, index) + " overflows a uint64", start - origin);
  }

  static String name(String field, int index) {
    return index < 0 ? field : field + "[" + index + "]";
  }

  /** Checks that {@code count} bytes remain for {@code field}. */
  void require(long count, String field) {
    if (count > remaining()) {
      throw new BatchFormatException(
          field + " needs " + count + " bytes, " + remaining() + " remain", offset());
    }
  }

  byte[] readBytes(int count, String field) {
    require(count, field);
    byte[] out = Arrays.copyOfRange(data, position, position + count);
    position += count;
    return out;
  }

  /** Writes {@code value} as a minimal uvarint into {@code out} at {@code at}; the new offset. */
  static int putUvarint(byte[] out, int at, long value) {
    long v = value;
    while (Long.compareUnsigned(v, 0x80) >= 0) {
      out[at++] = (byte) (v | 0x80);
      v >>>= 7;
    }
    out[at++] = (byte) v;
    return at;
  }
}
