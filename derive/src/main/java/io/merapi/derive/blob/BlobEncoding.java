package io.merapi.derive.blob;

import io.merapi.base.bytes.Bytes;
import java.util.Arrays;

/**
 * Rollup data in an EIP-4844 blob (specs ecotone/derivation.md "Blob Encoding", op-service {@code
 * eth.Blob}): 4,096 field elements of 32 bytes in 1,024 rounds of four. Each round carries 127
 * bytes: four 31-byte tails in bytes 1..31 of its elements, and three more bytes split into four
 * 6-bit pieces in the elements' first bytes, whose top two bits stay zero so that every element is
 * below the BLS modulus. The data starts with the version byte 0 and its length as a 3-byte
 * big-endian number.
 *
 * <p>Decoding is strict, so that encoding and decoding are each other's inverse: the version, the
 * length at most {@link #MAX_DATA_SIZE}, the top two bits of <em>every</em> field element zero, and
 * everything after the data zero.
 */
public final class BlobEncoding {
  /** The size of a blob: 4,096 field elements of 32 bytes. */
  public static final int BLOB_SIZE = 4096 * 32;

  /** The most data a blob carries: {@code (4 * 31 + 3) * 1024 - 4} = 130,044 bytes. */
  public static final int MAX_DATA_SIZE = (4 * 31 + 3) * 1024 - 4;

  /** The encoding version, the first byte of the data field. */
  public static final int ENCODING_VERSION = 0;

  private static final int ROUNDS = 1024;
  private static final int VERSION_OFFSET = 1;

  private BlobEncoding() {}

  /**
   * The blob carrying {@code data}.
   *
   * @throws IllegalArgumentException if {@code data} is longer than {@link #MAX_DATA_SIZE}
   */
  public static Bytes encode(Bytes data) {
    byte[] in = data.array();
    if (in.length > MAX_DATA_SIZE) {
      throw new IllegalArgumentException(
          "a blob carries at most " + MAX_DATA_SIZE + " bytes, got " + in.length);
    }
    // The stream the rounds read: version, 3-byte length, the data, zeros after it.
    byte[] stream = new byte[in.length + 4];
    stream[0] = ENCODING_VERSION;
    stream[1] = (byte) (in.length >>> 16);
    stream[2] = (byte) (in.length >>> 8);
    stream[3] = (byte) in.length;
    System.arraycopy(in, 0, stream, 4, in.length);
    byte[] blob = new byte[BLOB_SIZE];
    int read = 0;
    for (int round = 0; round < ROUNDS && read < stream.length; round++) {
      int base = round * 128;
      // Each round reads 31, 1, 31, 1, 31, 1, 31 bytes (tailA, x, tailB, y, tailC, z, tailD).
      copy31(stream, read, blob, base + 1);
      int x = byteAt(stream, read + 31);
      copy31(stream, read + 32, blob, base + 33);
      int y = byteAt(stream, read + 63);
      copy31(stream, read + 64, blob, base + 65);
      int z = byteAt(stream, read + 95);
      copy31(stream, read + 96, blob, base + 97);
      blob[base] = (byte) (x & 0b0011_1111);
      blob[base + 32] = (byte) ((y & 0b0000_1111) | ((x & 0b1100_0000) >>> 2));
      blob[base + 64] = (byte) (z & 0b0011_1111);
      blob[base + 96] = (byte) (((z & 0b1100_0000) >>> 2) | ((y & 0b1111_0000) >>> 4));
      read += 127;
    }
    return Bytes.wrap(blob);
  }

  private static void copy31(byte[] stream, int from, byte[] blob, int to) {
    int n = Math.min(31, stream.length - from);
    if (n > 0) {
      System.arraycopy(stream, from, blob, to, n);
    }
  }

  private static int byteAt(byte[] stream, int index) {
    return index < stream.length ? stream[index] & 0xff : 0;
  }

  /**
   * The data a blob carries.
   *
   * @throws BlobFormatException if the blob is not {@link #BLOB_SIZE} bytes, has another version, a
   *     length over {@link #MAX_DATA_SIZE}, a field element with either top bit set, or non-zero
   *     bytes after the data
   */
  public static Bytes decode(Bytes blob) {
    byte[] b = blob.array();
    if (b.length != BLOB_SIZE) {
      throw new BlobFormatException(
          "a blob has " + BLOB_SIZE + " bytes, got " + b.length, Math.min(b.length, BLOB_SIZE));
    }
    if (b[VERSION_OFFSET] != ENCODING_VERSION) {
      throw new BlobFormatException(
          "blob encoding version " + (b[VERSION_OFFSET] & 0xff) + ", expected " + ENCODING_VERSION,
          VERSION_OFFSET);
    }
    int length = ((b[2] & 0xff) << 16) | ((b[3] & 0xff) << 8) | (b[4] & 0xff);
    if (length > MAX_DATA_SIZE) {
      throw new BlobFormatException(
          "blob data length " + length + " is over the maximum " + MAX_DATA_SIZE, 2);
    }
    // The specs require the top two bits of every field element to be zero; op-node and kona do
    // not check the very first one (they only mask it). The specs win here.
    int rounds = Math.max(1, (length + 4 + 126) / 127);
    byte[] stream = new byte[rounds * 127];
    for (int round = 0; round < rounds; round++) {
      int base = round * 128;
      int at = round * 127;
      int a = fieldElementHead(b, base);
      int bb = fieldElementHead(b, base + 32);
      int c = fieldElementHead(b, base + 64);
      int d = fieldElementHead(b, base + 96);
      System.arraycopy(b, base + 1, stream, at, 31);
      stream[at + 31] = (byte) (a | ((bb & 0b0011_0000) << 2));
      System.arraycopy(b, base + 33, stream, at + 32, 31);
      stream[at + 63] = (byte) ((bb & 0b0000_1111) | ((d & 0b0000_1111) << 4));
      System.arraycopy(b, base + 65, stream, at + 64, 31);
      stream[at + 95] = (byte) (c | ((d & 0b0011_0000) << 2));
      System.arraycopy(b, base + 97, stream, at + 96, 31);
    }
    // What the decoded rounds hold past the data must be zero, and so must every later element.
    for (int i = length + 4; i < stream.length; i++) {
      if (stream[i] != 0) {
        int round = i / 127;
        throw new BlobFormatException(
            "non-zero data after the blob's " + length + " data bytes",
            round * 128 + (i % 127) / 32 * 32);
      }
    }
    for (int i = rounds * 128; i < BLOB_SIZE; i++) {
      if (b[i] != 0) {
        throw new BlobFormatException("non-zero byte after the blob's data", i);
      }
    }
    return Bytes.wrap(Arrays.copyOfRange(stream, 4, length + 4));
  }

  private static int fieldElementHead(byte[] blob, int offset) {
    int head = blob[offset] & 0xff;
    if ((head & 0b1100_0000) != 0) {
      throw new BlobFormatException(
          "field element "
              + offset / 32
              + " has its top bits set (first byte 0x"
              + Integer.toHexString(head)
              + ")",
          offset);
    }
    return head;
  }
}
