package io.merapi.evm.precompile.bn254;

import java.math.BigInteger;

/**
 * Width-w non-adjacent form of scalars: digits that are zero or odd with absolute value below
 * 2^(w-1), any non-zero digit followed by at least w-1 zeros, so a multiplication needs about one
 * addition per w+1 bits from a table of 2^(w-2) odd multiples.
 */
final class Wnaf {
  private Wnaf() {}

  /** The digits of k >= 0, least significant first, bitLength(k) + 1 of them. */
  static int[] digits(BigInteger k, int width) {
    int[] digits = new int[k.bitLength() + 1];
    int window = 1 << width;
    BigInteger n = k;
    for (int i = 0; n.signum() > 0; i++) {
      int digit = 0;
      if (n.testBit(0)) {
        digit = n.intValue() & (window - 1);
        if (digit >= window >> 1) {
          digit -= window;
        }
        n = n.subtract(BigInteger.valueOf(digit));
      }
      digits[i] = digit;
      n = n.shiftRight(1);
    }
    return digits;
  }
}
