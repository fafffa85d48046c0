package io.merapi.derive.batch;

import java.util.BitSet;

/**
 * The span batch's "standard bitlists" (specs delta/span-batches.md): {@code n} bits as a
 * big-endian integer, left-padded with zeros to whole bytes; bit {@code i} (the i-th block or
 * transaction) is the integer's bit {@code i}, counted from the least significant end. Padding bits
 * must be zero, as op-node checks.
 */
final class SpanBatchBits {
  private SpanBatchBits() {}

  static int byteLength(int bitLength) {
    return (bitLength + 7) / 8;
  }

  static BitSet read(BatchInput in, int bitLength, String field) {
    int length = byteLength(bitLength);
    in.require(length, field);
    byte[] data = in.data();
    int start = in.position();
    int spare = length * 8 - bitLength;
    if (spare > 0 && ((data[start] & 0xff) >>> (8 - spare)) != 0) {
      throw new BatchFormatException(
          field + " sets bits beyond its " + bitLength + " bits", in.offset());
    }
    BitSet bits = new BitSet(bitLength);
    for (int i = 0; i < length; i++) {
      int b = data[start + length - 1 - i] & 0xff;
      while (b != 0) {
        int low = Integer.numberOfTrailingZeros(b);
        bits.set(i * 8 + low);
        b &= b - 1;
      }
    }
    in.skip(length);
    return bits;
  }

  static void write(ByteSink out, BitSet bits, int bitLength) {
    int length = byteLength(bitLength);
    byte[] data = new byte[length];
    for (int i = bits.nextSetBit(0); i >= 0 && i < bitLength; i = bits.nextSetBit(i + 1)) {
      data[length - 1 - i / 8] |= (byte) (1 << (i % 8));
    }
    out.write(data);
  }
}
