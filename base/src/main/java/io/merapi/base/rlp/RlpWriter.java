package io.merapi.base.rlp;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.Arrays;

/**
 * Builds canonical RLP into one growing buffer. A list's header is only known once its payload is
 * written, so {@link #endList()} moves the payload up by the header's size; for the shallow lists
 * of transactions, headers and trie nodes this is one small copy per list.
 *
 * <pre>{@code
 * byte[] encoded = new RlpWriter().startList().writeLong(nonce).writeBytes(data).endList().toByteArray();
 * }</pre>
 */
public final class RlpWriter {
  private byte[] buffer;
  private int size;
  private int[] listStarts = new int[8];
  private int depth;

  public RlpWriter() {
    this(64);
  }

  public RlpWriter(int initialCapacity) {
    buffer = new byte[Math.max(16, initialCapacity)];
  }

  /** A byte string: a single byte below 0x80 stands for itself, anything else gets a header. */
  public RlpWriter writeBytes(byte[] value, int offset, int length) {
    if (length == 1 && (value[offset] & 0xff) < 0x80) {
      ensure(1);
      buffer[size++] = value[offset];
      return this;
    }
    writeHeader(0x80, length);
    ensure(length);
    System.arraycopy(value, offset, buffer, size, length);
    size += length;
    return this;
  }

  public RlpWriter writeBytes(byte[] value) {
    return writeBytes(value, 0, value.length);
  }

  public RlpWriter writeBytes(Bytes value) {
    return writeBytes(value.array());
  }

  public RlpWriter writeHash(Hash value) {
    return writeBytes(value.array());
  }

  public RlpWriter writeAddress(Address value) {
    return writeBytes(value.array());
  }

  /**
   * The empty string (0x80): zero, false, or an absent value such as the {@code to} of a create.
   */
  public RlpWriter writeEmpty() {
    ensure(1);
    buffer[size++] = (byte) 0x80;
    return this;
  }

  /** An unsigned 64-bit integer: big-endian without leading zeros. */
  public RlpWriter writeLong(long unsigned) {
    if (unsigned == 0) {
      return writeEmpty();
    }
    if (unsigned > 0 && unsigned < 0x80) {
      ensure(1);
      buffer[size++] = (byte) unsigned;
      return this;
    }
    int length = 8 - Long.numberOfLeadingZeros(unsigned) / 8;
    ensure(1 + length);
    buffer[size++] = (byte) (0x80 + length);
    for (int i = length - 1; i >= 0; i--) {
      buffer[size++] = (byte) (unsigned >>> (8 * i));
    }
    return this;
  }

  public RlpWriter writeUInt256(UInt256 value) {
    if (value.fitsLong()) {
      return writeLong(value.toLongExact());
    }
    return writeBytes(value.toMinimalBytes());
  }

  public RlpWriter writeBoolean(boolean value) {
    return value ? writeLong(1) : writeEmpty();
  }

  /** Appends an already encoded item as it is (a nested transaction, a stored trie node). */
  public RlpWriter writeRaw(byte[] encoded) {
    return writeRaw(encoded, 0, encoded.length);
  }

  public RlpWriter writeRaw(byte[] encoded, int offset, int length) {
    ensure(length);
    System.arraycopy(encoded, offset, buffer, size, length);
    size += length;
    return this;
  }

  /** Writes a whole item tree. */
  public RlpWriter writeItem(RlpItem item) {
    switch (item) {
      case RlpItem.RlpString s -> writeBytes(s.value());
      case RlpItem.RlpList l -> {
        startList();
        for (RlpItem child : l.items()) {
          writeItem(child);
        }
        endList();
      }
    }
    return this;
  }

  public RlpWriter startList() {
    if (depth == listStarts.length) {
      listStarts = Arrays.copyOf(listStarts, depth * 2);
    }
    listStarts[depth++] = size;
    return this;
  }

  public RlpWriter endList() {
    if (depth == 0) {
      throw new IllegalStateException("endList without startList");
    }
    int start = listStarts[--depth];
    int payload = size - start;
    int headerLength = payload < 56 ? 1 : 1 + byteLength(payload);
    ensure(headerLength);
    System.arraycopy(buffer, start, buffer, start + headerLength, payload);
    writeHeaderAt(start, 0xc0, payload);
    size += headerLength;
    return this;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    if (depth != 0) {
      throw new IllegalStateException(depth + " list(s) not ended");
    }
    return Arrays.copyOf(buffer, size);
  }

  /** Clears the writer for reuse, keeping its buffer. */
  public void reset() {
    size = 0;
    depth = 0;
  }

  private void writeHeader(int base, int length) {
    int headerLength = length < 56 ? 1 : 1 + byteLength(length);
    ensure(headerLength);
    writeHeaderAt(size, base, length);
    size += headerLength;
  }

  private void writeHeaderAt(int at, int base, int length) {
    if (length < 56) {
      buffer[at] = (byte) (base + length);
      return;
    }
    int lengthOfLength = byteLength(length);
    buffer[at] = (byte) (base + 55 + lengthOfLength);
    for (int i = 0; i < lengthOfLength; i++) {
      buffer[at + 1 + i] = (byte) (length >>> (8 * (lengthOfLength - 1 - i)));
    }
  }

  private static int byteLength(int value) {
    return 4 - Integer.numberOfLeadingZeros(value) / 8;
  }

  private void ensure(int extra) {
    if (size + extra > buffer.length) {
      buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + extra));
    }
  }
}
