package io.merapi.base.uint;

import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import java.math.BigInteger;

/**
 * An immutable unsigned 256-bit integer for chain data (balances, values, fee caps), held as four
 * 64-bit limbs, most significant first. Arithmetic wraps modulo 2^256 unless the method says it
 * checks. The EVM keeps its own mutable word stack and does not use this class on its hot path.
 */
public final class UInt256 implements Comparable<UInt256> {
  public static final UInt256 ZERO = new UInt256(0, 0, 0, 0);
  public static final UInt256 ONE = new UInt256(0, 0, 0, 1);
  public static final UInt256 MAX_VALUE = new UInt256(-1L, -1L, -1L, -1L);

  // u3 is the most significant limb.
  private final long u3;
  private final long u2;
  private final long u1;
  private final long u0;

  private UInt256(long u3, long u2, long u1, long u0) {
    this.u3 = u3;
    this.u2 = u2;
    this.u1 = u1;
    this.u0 = u0;
  }

  /** From four limbs, most significant first. */
  public static UInt256 fromLimbs(long u3, long u2, long u1, long u0) {
    if ((u3 | u2 | u1 | u0) == 0) {
      return ZERO;
    }
    return new UInt256(u3, u2, u1, u0);
  }

  /** The value of an unsigned 64-bit {@code long}. */
  public static UInt256 valueOf(long unsigned) {
    return unsigned == 0 ? ZERO : unsigned == 1 ? ONE : new UInt256(0, 0, 0, unsigned);
  }

  public static UInt256 valueOf(BigInteger value) {
    if (value.signum() < 0 || value.bitLength() > 256) {
      throw new ArithmeticException("out of uint256 range: " + value);
    }
    return fromLimbs(
        value.shiftRight(192).longValue(),
        value.shiftRight(128).longValue(),
        value.shiftRight(64).longValue(),
        value.longValue());
  }

  /** From at most 32 big-endian bytes (leading zeros allowed). */
  public static UInt256 fromBytes(byte[] bytes) {
    return fromBytes(bytes, 0, bytes.length);
  }

  /** From {@code bytes[offset, offset+length)}, big-endian, at most 32 bytes. */
  public static UInt256 fromBytes(byte[] bytes, int offset, int length) {
    if (length > 32) {
      throw new ArithmeticException("more than 32 bytes for a uint256: " + length);
    }
    long[] limbs = new long[4];
    for (int i = 0; i < length; i++) {
      int bitFromRight = 8 * (length - 1 - i);
      limbs[bitFromRight >>> 6] |= (bytes[offset + i] & 0xffL) << (bitFromRight & 63);
    }
    return fromLimbs(limbs[3], limbs[2], limbs[1], limbs[0]);
  }

  public static UInt256 fromHash(Hash word) {
    return fromBytes(word.array());
  }

  /** Parses a JSON-RPC quantity ({@code 0x}-prefixed, minimal digits). */
  public static UInt256 fromQuantity(String quantity) {
    return valueOf(Hex.parseBigQuantity(quantity));
  }

  /**
   * Parses a decimal or {@code 0x} hex number, leniently (leading zeros allowed), as test files
   * use.
   */
  public static UInt256 parse(String text) {
    String t = text.trim();
    BigInteger value =
        t.startsWith("0x") || t.startsWith("0X")
            ? (t.length() == 2 ? BigInteger.ZERO : new BigInteger(t.substring(2), 16))
            : new BigInteger(t);
    return valueOf(value);
  }

  public long limb(int index) {
    return switch (index) {
      case 0 -> u0;
      case 1 -> u1;
      case 2 -> u2;
      case 3 -> u3;
      default -> throw new IndexOutOfBoundsException(index);
    };
  }

  public boolean isZero() {
    return (u3 | u2 | u1 | u0) == 0;
  }

  /** True if the value fits an unsigned 64-bit long. */
  public boolean fitsLong() {
    return (u3 | u2 | u1) == 0;
  }

  /** True if the value fits a signed long without becoming negative (0 .. 2^63-1). */
  public boolean fitsSignedLong() {
    return fitsLong() && u0 >= 0;
  }

  /** The low 64 bits, as an unsigned long; throws if the value is larger. */
  public long toLongExact() {
    if (!fitsLong()) {
      throw new ArithmeticException("uint256 does not fit in 64 bits: " + this);
    }
    return u0;
  }

  /** The value clamped to a signed long: Long.MAX_VALUE for anything above it. */
  public long clampToLong() {
    return fitsSignedLong() ? u0 : Long.MAX_VALUE;
  }

  public BigInteger toBigInteger() {
    byte[] bytes = new byte[33];
    toBytes(bytes, 1);
    return new BigInteger(bytes);
  }

  /** 32 big-endian bytes. */
  public byte[] toBytes() {
    byte[] out = new byte[32];
    toBytes(out, 0);
    return out;
  }

  public void toBytes(byte[] out, int offset) {
    putLong(out, offset, u3);
    putLong(out, offset + 8, u2);
    putLong(out, offset + 16, u1);
    putLong(out, offset + 24, u0);
  }

  public Hash toHash() {
    return Hash.wrap(toBytes());
  }

  /** Big-endian bytes without leading zeros (empty for zero), as RLP encodes integers. */
  public byte[] toMinimalBytes() {
    int length = byteLength();
    byte[] out = new byte[length];
    for (int i = 0; i < length; i++) {
      int bitFromRight = 8 * (length - 1 - i);
      out[i] = (byte) (limb(bitFromRight >>> 6) >>> (bitFromRight & 63));
    }
    return out;
  }

  /** Number of significant bits. */
  public int bitLength() {
    if (u3 != 0) {
      return 256 - Long.numberOfLeadingZeros(u3);
    }
    if (u2 != 0) {
      return 192 - Long.numberOfLeadingZeros(u2);
    }
    if (u1 != 0) {
      return 128 - Long.numberOfLeadingZeros(u1);
    }
    return 64 - Long.numberOfLeadingZeros(u0);
  }

  /** Number of significant bytes. */
  public int byteLength() {
    return (bitLength() + 7) >>> 3;
  }

  public UInt256 add(UInt256 other) {
    long r0 = u0 + other.u0;
    long c = Long.compareUnsigned(r0, u0) < 0 ? 1 : 0;
    long s1 = u1 + other.u1;
    long c1 = Long.compareUnsigned(s1, u1) < 0 ? 1 : 0;
    long r1 = s1 + c;
    c = c1 | (Long.compareUnsigned(r1, s1) < 0 ? 1 : 0);
    long s2 = u2 + other.u2;
    long c2 = Long.compareUnsigned(s2, u2) < 0 ? 1 : 0;
    long r2 = s2 + c;
    c = c2 | (Long.compareUnsigned(r2, s2) < 0 ? 1 : 0);
    long r3 = u3 + other.u3 + c;
    return fromLimbs(r3, r2, r1, r0);
  }

  /** Addition that throws on overflow past 2^256 - 1. */
  public UInt256 addExact(UInt256 other) {
    UInt256 sum = add(other);
    if (sum.compareTo(this) < 0) {
      throw new ArithmeticException("uint256 overflow");
    }
    return sum;
  }

  public UInt256 subtract(UInt256 other) {
    long r0 = u0 - other.u0;
    long b = Long.compareUnsigned(u0, other.u0) < 0 ? 1 : 0;
    long d1 = u1 - other.u1;
    long b1 = Long.compareUnsigned(u1, other.u1) < 0 ? 1 : 0;
    long r1 = d1 - b;
    b = b1 | (Long.compareUnsigned(d1, b) < 0 ? 1 : 0);
    long d2 = u2 - other.u2;
    long b2 = Long.compareUnsigned(u2, other.u2) < 0 ? 1 : 0;
    long r2 = d2 - b;
    b = b2 | (Long.compareUnsigned(d2, b) < 0 ? 1 : 0);
    long r3 = u3 - other.u3 - b;
    return fromLimbs(r3, r2, r1, r0);
  }

  /** Subtraction that throws when {@code other} is larger. */
  public UInt256 subtractExact(UInt256 other) {
    if (compareTo(other) < 0) {
      throw new ArithmeticException("uint256 underflow");
    }
    return subtract(other);
  }

  /** Product modulo 2^256. */
  public UInt256 multiply(UInt256 other) {
    long[] a = {u0, u1, u2, u3};
    long[] b = {other.u0, other.u1, other.u2, other.u3};
    long[] r = new long[4];
    for (int i = 0; i < 4; i++) {
      long carry = 0;
      if (a[i] == 0) {
        continue;
      }
      for (int j = 0; i + j < 4; j++) {
        long lo = a[i] * b[j];
        long hi = Math.unsignedMultiplyHigh(a[i], b[j]);
        long sum = r[i + j] + lo;
        hi += Long.compareUnsigned(sum, lo) < 0 ? 1 : 0;
        long sum2 = sum + carry;
        hi += Long.compareUnsigned(sum2, sum) < 0 ? 1 : 0;
        r[i + j] = sum2;
        carry = hi;
      }
    }
    return fromLimbs(r[3], r[2], r[1], r[0]);
  }

  /** Product that throws when it exceeds 2^256 - 1. */
  public UInt256 multiplyExact(UInt256 other) {
    if (isZero() || other.isZero()) {
      return ZERO;
    }
    if (bitLength() + other.bitLength() <= 256) {
      return multiply(other);
    }
    BigInteger product = toBigInteger().multiply(other.toBigInteger());
    if (product.bitLength() > 256) {
      throw new ArithmeticException("uint256 overflow");
    }
    return valueOf(product);
  }

  public UInt256 multiply(long unsigned) {
    return multiply(valueOf(unsigned));
  }

  /** Quotient rounded down; division by zero throws. (Cold path: BigInteger.) */
  public UInt256 divide(UInt256 divisor) {
    if (divisor.isZero()) {
      throw new ArithmeticException("division by zero");
    }
    if (fitsLong() && divisor.fitsLong()) {
      return valueOf(Long.divideUnsigned(u0, divisor.u0));
    }
    return valueOf(toBigInteger().divide(divisor.toBigInteger()));
  }

  public UInt256 mod(UInt256 divisor) {
    if (divisor.isZero()) {
      throw new ArithmeticException("division by zero");
    }
    if (fitsLong() && divisor.fitsLong()) {
      return valueOf(Long.remainderUnsigned(u0, divisor.u0));
    }
    return valueOf(toBigInteger().mod(divisor.toBigInteger()));
  }

  public UInt256 min(UInt256 other) {
    return compareTo(other) <= 0 ? this : other;
  }

  public UInt256 max(UInt256 other) {
    return compareTo(other) >= 0 ? this : other;
  }

  @Override
  public int compareTo(UInt256 other) {
    int c = Long.compareUnsigned(u3, other.u3);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(u2, other.u2);
    if (c != 0) {
      return c;
    }
    c = Long.compareUnsigned(u1, other.u1);
    if (c != 0) {
      return c;
    }
    return Long.compareUnsigned(u0, other.u0);
  }

  /** Compares with an unsigned 64-bit value. */
  public int compareTo(long unsigned) {
    if (!fitsLong()) {
      return 1;
    }
    return Long.compareUnsigned(u0, unsigned);
  }

  /** The JSON-RPC quantity form ({@code 0x0}, {@code 0x1f}, ...). */
  public String toQuantity() {
    if (fitsLong()) {
      return Hex.quantity(u0);
    }
    return Hex.quantity(toBigInteger());
  }

  /** Decimal text. */
  public String toDecimalString() {
    return fitsLong() ? Long.toUnsignedString(u0) : toBigInteger().toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof UInt256 that
        && u0 == that.u0
        && u1 == that.u1
        && u2 == that.u2
        && u3 == that.u3;
  }

  @Override
  public int hashCode() {
    long h = u0 * 31 + u1;
    h = h * 31 + u2;
    h = h * 31 + u3;
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public String toString() {
    return toQuantity();
  }

  private static void putLong(byte[] out, int offset, long value) {
    for (int i = 7; i >= 0; i--) {
      out[offset + i] = (byte) value;
      value >>>= 8;
    }
  }
}
