package io.merapi.state.op;

import io.merapi.base.bytes.Bytes;

/**
 * Holocene's dynamic EIP-1559 parameters (specs holocene/exec-engine.md "Dynamic EIP-1559
 * Parameters"): the base fee change {@code denominator} and the {@code elasticity}, both uint32.
 * They travel in payload attributes as 8 bytes ({@code denominator || elasticity}, big-endian) and
 * in the block header's {@code extraData} as 9 bytes ({@code version 0 || denominator ||
 * elasticity}).
 */
public record Eip1559Params(long denominator, long elasticity) {
  public static final int ATTRIBUTES_LENGTH = 8;
  public static final int EXTRA_DATA_LENGTH = 9;
  public static final int EXTRA_DATA_VERSION = 0;

  public Eip1559Params {
    if (denominator < 0
        || denominator > 0xffffffffL
        || elasticity < 0
        || elasticity > 0xffffffffL) {
      throw new IllegalArgumentException("EIP-1559 parameters must be uint32");
    }
  }

  /** Both zero in payload attributes: use the chain's pre-Holocene constants instead. */
  public boolean isZero() {
    return denominator == 0 && elasticity == 0;
  }

  /**
   * Reads {@code eip1559Params} of payload attributes: exactly 8 bytes, and a zero denominator only
   * together with a zero elasticity (op-geth {@code ValidateHolocene1559Params}).
   *
   * @throws IllegalArgumentException otherwise
   */
  public static Eip1559Params fromAttributes(Bytes params) {
    if (params.length() != ATTRIBUTES_LENGTH) {
      throw new IllegalArgumentException(
          "holocene eip1559Params must be 8 bytes, found " + params.length());
    }
    Eip1559Params p = new Eip1559Params(uint32(params, 0), uint32(params, 4));
    if (p.denominator == 0 && p.elasticity != 0) {
      throw new IllegalArgumentException(
          "holocene eip1559Params cannot have a 0 denominator unless elasticity is also 0");
    }
    return p;
  }

  /**
   * Reads a Holocene header's {@code extraData}: 9 bytes, version 0, and both values non-zero.
   *
   * @throws IllegalArgumentException otherwise
   */
  public static Eip1559Params fromExtraData(Bytes extraData) {
    if (extraData.length() != EXTRA_DATA_LENGTH) {
      throw new IllegalArgumentException(
          "holocene extraData must be 9 bytes, found " + extraData.length());
    }
    if (extraData.get(0) != EXTRA_DATA_VERSION) {
      throw new IllegalArgumentException(
          "holocene extraData must have version 0, found " + (extraData.get(0) & 0xff));
    }
    Eip1559Params p = new Eip1559Params(uint32(extraData, 1), uint32(extraData, 5));
    if (p.denominator == 0 || p.elasticity == 0) {
      throw new IllegalArgumentException(
          "holocene extraData must have a non-zero denominator and elasticity, found " + p);
    }
    return p;
  }

  public Bytes toAttributes() {
    byte[] out = new byte[ATTRIBUTES_LENGTH];
    put(out, 0, denominator);
    put(out, 4, elasticity);
    return Bytes.wrap(out);
  }

  public Bytes toExtraData() {
    byte[] out = new byte[EXTRA_DATA_LENGTH];
    out[0] = EXTRA_DATA_VERSION;
    put(out, 1, denominator);
    put(out, 5, elasticity);
    return Bytes.wrap(out);
  }

  private static long uint32(Bytes b, int offset) {
    return ((b.get(offset) & 0xffL) << 24)
        | ((b.get(offset + 1) & 0xffL) << 16)
        | ((b.get(offset + 2) & 0xffL) << 8)
        | (b.get(offset + 3) & 0xffL);
  }

  private static void put(byte[] out, int offset, long value) {
    out[offset] = (byte) (value >>> 24);
    out[offset + 1] = (byte) (value >>> 16);
    out[offset + 2] = (byte) (value >>> 8);
    out[offset + 3] = (byte) value;
  }
}
