package io.merapi.evm.precompile;

import java.math.BigInteger;

/**
 * MODEXP at 0x05 (EIP-198): {@code base^exp mod modulus} on big-endian integers of any length.
 * Input is three 32-byte length words ({@code Bsize}, {@code Esize}, {@code Msize}) followed by the
 * three operands; anything beyond the supplied input reads as zero. Output is the result
 * left-padded to {@code Msize} bytes.
 *
 * <p>The lengths are attacker-chosen 256-bit numbers, so the price is computed on them exactly
 * before anything is allocated, and operands are only ever read from the input that is there.
 */
public record ModExp(Pricing pricing) implements Precompile {

  /**
   * The gas schedules: EIP-198 (Byzantium), EIP-2565 (Berlin), and EIP-7883 (Osaka), which also
   * brings EIP-7823's bound on the three lengths.
   */
  public enum Pricing {
    EIP198,
    EIP2565,
    EIP7883
  }

  public static final ModExp BYZANTIUM = new ModExp(Pricing.EIP198);
  public static final ModExp BERLIN = new ModExp(Pricing.EIP2565);
  public static final ModExp OSAKA = new ModExp(Pricing.EIP7883);

  /** EIP-7823: from Osaka each of Bsize, Esize and Msize is at most 1024 bytes. */
  static final BigInteger EIP7823_MAX_LENGTH = BigInteger.valueOf(1024);

  private static final BigInteger THIRTY_TWO = BigInteger.valueOf(32);

  /** Java arrays stop a little short of 2^31 elements. */
  private static final BigInteger MAX_OPERAND_BYTES = BigInteger.valueOf(Integer.MAX_VALUE - 8);

  private static final byte[] NO_OUTPUT = new byte[0];

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    BigInteger baseLength = word(input, 0);
    BigInteger expLength = word(input, 32);
    BigInteger modLength = word(input, 64);
    if (pricing == Pricing.EIP7883
        && (baseLength.compareTo(EIP7823_MAX_LENGTH) > 0
            || expLength.compareTo(EIP7823_MAX_LENGTH) > 0
            || modLength.compareTo(EIP7823_MAX_LENGTH) > 0)) {
      // An exceptional halt: the call fails and its gas is consumed, whatever was given.
      return new PrecompileResult.Failure("modexp length above 1024 bytes (EIP-7823)");
    }
    BigInteger gas = gas(input, baseLength, expLength, modLength);
    if (gas.compareTo(BigInteger.valueOf(gasLimit)) > 0) {
      return Inputs.OUT_OF_GAS;
    }
    long price = gas.longValueExact();
    if (baseLength.signum() == 0 && modLength.signum() == 0) {
      return new PrecompileResult.Success(NO_OUTPUT, price);
    }
    // Msize grows the price quadratically: only a gas limit far beyond any block's could pay for
    // an output Java cannot hold, and such a call fails rather than exhausting memory.
    if (modLength.compareTo(MAX_OPERAND_BYTES) > 0) {
      return new PrecompileResult.Failure("modexp output beyond 2^31 bytes is not supported");
    }
    byte[] output = new byte[modLength.intValue()];
    // The modulus comes last. When it starts past the input's end it is zero and the result is
    // all zeros; otherwise the base and the exponent lie inside the input, so their lengths are
    // bounded by the input's and no operand larger than the input is ever built.
    BigInteger modOffset = BigInteger.valueOf(96).add(baseLength).add(expLength);
    if (modOffset.compareTo(BigInteger.valueOf(input.length)) >= 0) {
      return new PrecompileResult.Success(output, price);
    }
    int baseBytes = baseLength.intValue();
    int expBytes = expLength.intValue();
    BigInteger modulus =
        new BigInteger(1, Inputs.padded(input, modOffset.intValue(), output.length));
    if (modulus.signum() == 0) {
      return new PrecompileResult.Success(output, price);
    }
    BigInteger base = new BigInteger(1, Inputs.padded(input, 96, baseBytes));
    BigInteger exponent = new BigInteger(1, Inputs.padded(input, 96L + baseBytes, expBytes));
    byte[] value = base.modPow(exponent, modulus).toByteArray();
    int skip = value.length > 1 && value[0] == 0 ? 1 : 0;
    System.arraycopy(
        value, skip, output, output.length - (value.length - skip), value.length - skip);
    return new PrecompileResult.Success(output, price);
  }

  /** The price of a call, exactly, as an unbounded integer. */
  BigInteger gas(byte[] input, BigInteger baseLength, BigInteger expLength, BigInteger modLength) {
    BigInteger x = baseLength.max(modLength);
    if (pricing == Pricing.EIP7883) {
      // EIP-7883: words^2 doubled, with a floor of 16 up to 32 bytes; the exponent's length beyond
      // 32 bytes counts 16 iterations a byte (was 8); minimum 500 (was 200); no division by 3.
      BigInteger iterations = iterationCount(input, baseLength, expLength, 16).max(BigInteger.ONE);
      BigInteger words = x.add(BigInteger.valueOf(7)).shiftRight(3);
      BigInteger complexity =
          x.compareTo(THIRTY_TWO) > 0 ? words.multiply(words).shiftLeft(1) : BigInteger.valueOf(16);
      return complexity.multiply(iterations).max(BigInteger.valueOf(500));
    }
    BigInteger iterations = iterationCount(input, baseLength, expLength, 8).max(BigInteger.ONE);
    return switch (pricing) {
      case EIP2565 -> {
        // EIP-2565: words = ceil(x / 8); complexity = words^2; gas = max(200, c * iter / 3).
        BigInteger words = x.add(BigInteger.valueOf(7)).shiftRight(3);
        BigInteger gas = words.multiply(words).multiply(iterations).divide(BigInteger.valueOf(3));
        yield gas.max(BigInteger.valueOf(200));
      }
      case EIP198 -> eip198Complexity(x).multiply(iterations).divide(BigInteger.valueOf(20));
      case EIP7883 -> throw new AssertionError("priced above");
    };
  }

  /** EIP-198's mult_complexity: quadratic in three bands. */
  private static BigInteger eip198Complexity(BigInteger x) {
    BigInteger square = x.multiply(x);
    if (x.compareTo(BigInteger.valueOf(64)) <= 0) {
      return square;
    }
    if (x.compareTo(BigInteger.valueOf(1024)) <= 0) {
      return square
          .shiftRight(2)
          .add(x.multiply(BigInteger.valueOf(96)))
          .subtract(BigInteger.valueOf(3072));
    }
    return square
        .shiftRight(4)
        .add(x.multiply(BigInteger.valueOf(480)))
        .subtract(BigInteger.valueOf(199680));
  }

  /**
   * EIP-198's adjusted exponent length: for {@code Esize <= 32}, the index of the exponent's
   * highest set bit (0 for a zero exponent); beyond that, {@code perByte * (Esize - 32)} plus the
   * index of the highest set bit of its first 32 bytes ({@code perByte} is 8, and 16 from
   * EIP-7883).
   */
  static BigInteger iterationCount(
      byte[] input, BigInteger baseLength, BigInteger expLength, int perByte) {
    int headBytes = expLength.min(THIRTY_TWO).intValue();
    BigInteger head = BigInteger.ZERO;
    // Past the input's end the exponent is zero; this also keeps a huge Bsize from being used as
    // an offset.
    if (baseLength.compareTo(BigInteger.valueOf(input.length)) < 0) {
      head = new BigInteger(1, Inputs.padded(input, 96 + baseLength.longValue(), headBytes));
    }
    BigInteger highestBit = BigInteger.valueOf(Math.max(head.bitLength() - 1, 0));
    if (expLength.compareTo(THIRTY_TWO) <= 0) {
      return highestBit;
    }
    return expLength.subtract(THIRTY_TWO).multiply(BigInteger.valueOf(perByte)).add(highestBit);
  }

  private static BigInteger word(byte[] input, int offset) {
    return new BigInteger(1, Inputs.padded(input, offset, 32));
  }
}
