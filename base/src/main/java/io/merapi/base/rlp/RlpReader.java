package io.merapi.base.rlp;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Strict RLP decoding over a byte array, item by item. Everything that is not the one canonical
 * encoding is refused: a single byte below 0x80 wrapped as a string, long-form headers for short
 * payloads, lengths with leading zeros, integers with leading zeros, items running past their
 * enclosing list or the input, and (with {@link #ensureEnd()}) trailing bytes.
 *
 * <p>{@link #readList()} returns a reader bounded to the list's payload, so a decoder walks nested
 * structures without copying.
 */
public final class RlpReader {
  private final byte[] data;
  private final int end;
  private int position;

  private RlpReader(byte[] data, int start, int end) {
    this.data = data;
    this.position = start;
    this.end = end;
  }

  /** A reader over the whole of {@code data}. */
  public RlpReader(byte[] data) {
    this(data, 0, data.length);
  }

  public static RlpReader of(byte[] data) {
    return new RlpReader(data);
  }

  /** A reader over {@code data[from, to)}; offsets in errors stay relative to {@code data}. */
  public static RlpReader of(byte[] data, int from, int to) {
    if (from < 0 || to > data.length || from > to) {
      throw new IndexOutOfBoundsException("range [" + from + ", " + to + ") of " + data.length);
    }
    return new RlpReader(data, from, to);
  }

  public boolean hasNext() {
    return position < end;
  }

  public int position() {
    return position;
  }

  /** True if the next item is a list (without consuming it). */
  public boolean nextIsList() {
    requireNext();
    return (data[position] & 0xff) >= 0xc0;
  }

  /** True if the next item is the empty string 0x80 (without consuming it). */
  public boolean nextIsEmpty() {
    requireNext();
    return (data[position] & 0xff) == 0x80;
  }

  /** Reads a list and returns a reader over its payload. */
  public RlpReader readList() {
    Header h = header();
    if (!h.list) {
      throw new RlpException("expected a list, found a string", position);
    }
    position = h.payloadEnd();
    return new RlpReader(data, h.payloadStart, h.payloadEnd());
  }

  /** Reads a byte string and returns a copy of its payload. */
  public byte[] readBytes() {
    Header h = stringHeader();
    position = h.payloadEnd();
    return Arrays.copyOfRange(data, h.payloadStart, h.payloadEnd());
  }

  public Bytes readBytesValue() {
    return Bytes.wrap(readBytes());
  }

  /** Reads a byte string of exactly {@code length} bytes. */
  public byte[] readBytes(int length, String what) {
    Header h = stringHeader();
    if (h.payloadLength != length) {
      throw new RlpException(
          what + " must have " + length + " bytes, found " + h.payloadLength, h.start);
    }
    position = h.payloadEnd();
    return Arrays.copyOfRange(data, h.payloadStart, h.payloadEnd());
  }

  public Hash readHash() {
    return Hash.wrap(readBytes(Hash.LENGTH, "hash"));
  }

  public Address readAddress() {
    return Address.wrap(readBytes(Address.LENGTH, "address"));
  }

  /** An address, or empty for the empty string (the {@code to} of a contract creation). */
  public Optional<Address> readOptionalAddress() {
    if (nextIsEmpty()) {
      position++;
      return Optional.empty();
    }
    return Optional.of(readAddress());
  }

  /** An unsigned integer of at most 8 bytes, without leading zeros. */
  public long readLong() {
    Header h = integerHeader(8, "uint64");
    position = h.payloadEnd();
    long value = 0;
    for (int i = h.payloadStart; i < h.payloadEnd(); i++) {
      value = (value << 8) | (data[i] & 0xff);
    }
    return value;
  }

  /** An unsigned integer that must fit a non-negative {@code int}. */
  public int readInt() {
    long value = readLong();
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw new RlpException("integer too large: " + Long.toUnsignedString(value), position);
    }
    return (int) value;
  }

  /** An unsigned integer of at most 32 bytes, without leading zeros. */
  public UInt256 readUInt256() {
    Header h = integerHeader(32, "uint256");
    position = h.payloadEnd();
    return UInt256.fromBytes(data, h.payloadStart, h.payloadLength);
  }

  /** A boolean as RLP writes it: 0x80 for false, 0x01 for true. */
  public boolean readBoolean() {
    long value = readLong();
    if (Long.compareUnsigned(value, 1) > 0) {
      throw new RlpException(
          "boolean must be 0 or 1, found " + Long.toUnsignedString(value), position);
    }
    return value == 1;
  }

  /** The next item's complete encoding (header and payload), copied. */
  public byte[] readRaw() {
    Header h = header();
    position = h.payloadEnd();
    return Arrays.copyOfRange(data, h.start, h.payloadEnd());
  }

  /** Skips the next item. */
  public void skip() {
    position = header().payloadEnd();
  }

  /** Decodes the next item as a tree. */
  public RlpItem readItem() {
    if (nextIsList()) {
      RlpReader list = readList();
      List<RlpItem> items = new ArrayList<>();
      while (list.hasNext()) {
        items.add(list.readItem());
      }
      return new RlpItem.RlpList(items);
    }
    return new RlpItem.RlpString(readBytesValue());
  }

  /** Fails if anything is left: trailing bytes after a value, or extra items in a list. */
  public void ensureEnd() {
    if (position != end) {
      throw new RlpException((end - position) + " unexpected trailing byte(s)", position);
    }
  }

  private void requireNext() {
    if (position >= end) {
      throw new RlpException("unexpected end of input", position);
    }
  }

  private Header stringHeader() {
    Header h = header();
    if (h.list) {
      throw new RlpException("expected a string, found a list", h.start);
    }
    return h;
  }

  private Header integerHeader(int maxBytes, String what) {
    Header h = stringHeader();
    if (h.payloadLength > maxBytes) {
      throw new RlpException(
          what + " has " + h.payloadLength + " bytes, more than " + maxBytes, h.start);
    }
    if (h.payloadLength > 0 && data[h.payloadStart] == 0) {
      throw new RlpException("non-canonical integer (leading zero bytes)", h.start);
    }
    return h;
  }

  private Header header() {
    requireNext();
    int start = position;
    int prefix = data[start] & 0xff;
    if (prefix < 0x80) {
      return new Header(start, false, start, 1);
    }
    if (prefix <= 0xb7) {
      int length = prefix - 0x80;
      checkFits(start, 1, length);
      if (length == 1 && (data[start + 1] & 0xff) < 0x80) {
        throw new RlpException("non-canonical single byte: must not be wrapped as a string", start);
      }
      return new Header(start, false, start + 1, length);
    }
    if (prefix <= 0xbf) {
      int lengthOfLength = prefix - 0xb7;
      int length = longLength(start, lengthOfLength);
      checkFits(start, 1 + lengthOfLength, length);
      return new Header(start, false, start + 1 + lengthOfLength, length);
    }
    if (prefix <= 0xf7) {
      int length = prefix - 0xc0;
      checkFits(start, 1, length);
      return new Header(start, true, start + 1, length);
    }
    int lengthOfLength = prefix - 0xf7;
    int length = longLength(start, lengthOfLength);
    checkFits(start, 1 + lengthOfLength, length);
    return new Header(start, true, start + 1 + lengthOfLength, length);
  }

  private int longLength(int start, int lengthOfLength) {
    if (start + 1 + lengthOfLength > end) {
      throw new RlpException("length of length runs past the end of input", start);
    }
    if (data[start + 1] == 0) {
      throw new RlpException("non-canonical length (leading zero bytes)", start);
    }
    if (lengthOfLength > 4) {
      throw new RlpException("length of " + lengthOfLength + " bytes is too large", start);
    }
    long length = 0;
    for (int i = 0; i < lengthOfLength; i++) {
      length = (length << 8) | (data[start + 1 + i] & 0xff);
    }
    if (length < 56) {
      throw new RlpException("non-canonical size: long form used for " + length + " bytes", start);
    }
    if (length > Integer.MAX_VALUE) {
      throw new RlpException("length " + length + " is too large", start);
    }
    return (int) length;
  }

  private void checkFits(int start, int headerLength, int payloadLength) {
    if ((long) start + headerLength + payloadLength > end) {
      throw new RlpException(
          "item of "
              + payloadLength
              + " bytes runs past its end by "
              + ((long) start + headerLength + payloadLength - end)
              + " byte(s)",
          start);
    }
  }

  private record Header(int start, boolean list, int payloadStart, int payloadLength) {
    int payloadEnd() {
      return payloadStart + payloadLength;
    }
  }
}
