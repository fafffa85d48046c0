package io.merapi.evm.precompile;

import java.math.BigInteger;

/**
 * MODEXP at 0x05 (EIP-198): {@code base^exp mod modulus} on big-endian integers of any length.
 * Input is three 32-byte length words ({@code Bsize}, {@code Esize}, {@code Msize}) followed by the
 * three operands; anything beyond the supplied input reads as zero. Output is the result
 * left-padded to {@code Msize} bytes.
 *
 * <p>The lengths are attacker-chosen 256-bit numbers, so the price is computed on them exactly
 * before anything is allocated; only a call that can pay has operands small enough to hold. A long
 * exponent whose tail lies past the end of the input is a short number times a power of two; that
 * tail is applied as repeated squaring instead of being materialised.
 */
public record ModExp(Pricing pricing) implements Precompile {

  /** The two gas schedules: EIP-198 (Byzantium) and EIP-2565 (Berlin onward). */
  public enum Pricing {
    EIP198,
    EIP2565
  }

  public static final ModExp BYZANTIUM = new ModExp(Pricing.EIP198);
  public static final ModExp BERLIN = new ModExp(Pricing.EIP2565);

  private static final BigInteger THIRTY_TWO = BigInteger.valueOf(32);

  /** An exponent tail of zero bytes up to this many bits is shifted in; longer ones are squared. */
  static final long SHIFT_LIMIT_BITS = 1 << 20;

  /** Java arrays stop a little short of 2^31 elements. */
  private static final BigInteger MAX_OPERAND_BYTES = BigInteger.valueOf(Integer.MAX_VALUE - 8);

  /** Keeps the exponent's bit count within a long; paying for more would take ~10^17 gas. */
  private static final BigInteger MAX_EXPONENT_BYTES = BigInteger.ONE.shiftLeft(56);

  private static final byte[] NO_OUTPUT = new byte[0];

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    BigInteger baseLength = word(input, 0);
    BigInteger expLength = word(input, 32);
    BigInteger modLength = word(input, 64);
    BigInteger gas = gas(input, baseLength, expLength, modLength);
    if (gas.compareTo(BigInteger.valueOf(gasLimit)) > 0) {
      return Inputs.OUT_OF_GAS;
    }
    long price = gas.longValueExact();
    if (baseLength.signum() == 0 && modLength.signum() == 0) {
      return new PrecompileResult.Success(NO_OUTPUT, price);
    }
    // The price grows with the square of Bsize and Msize and linearly with Esize, so a payable
    // call has them bounded; only a gas limit far beyond any block's could reach operands Java
    // cannot hold, and such a call fails rather than exhausting memory.
    if (baseLength.compareTo(MAX_OPERAND_BYTES) > 0
        || modLength.compareTo(MAX_OPERAND_BYTES) > 0
        || expLength.compareTo(MAX_EXPONENT_BYTES) > 0) {
      return new PrecompileResult.Failure("modexp operands beyond 2^31 bytes are not supported");
    }
    int baseBytes = baseLength.intValue();
    int modBytes = modLength.intValue();
    long expBytes = expLength.longValue();
    long expOffset = 96L + baseBytes;
    long modOffset = expOffset + expBytes;
    BigInteger modulus = new BigInteger(1, Inputs.padded(input, modOffset, modBytes));
    byte[] output = new byte[modBytes];
    if (modulus.signum() == 0) {
      return new PrecompileResult.Success(output, price);
    }
    BigInteger base = new BigInteger(1, Inputs.padded(input, 96, baseBytes));
    BigInteger result = power(base, input, expOffset, expBytes, modulus);
    byte[] value = result.toByteArray();
    int skip = value.length > 1 && value[0] == 0 ? 1 : 0;
    System.arraycopy(value, skip, output, modBytes - (value.length - skip), value.length - skip);
    return new PrecompileResult.Success(output, price);
  }

  /**
   * {@code base^exp mod modulus} where {@code exp} is the {@code expBytes} bytes of {@code input}
   * at {@code expOffset}, zero beyond the input's end.
   */
  static BigInteger power(
      BigInteger base, byte[] input, long expOffset, long expBytes, BigInteger modulus) {
    long present = Math.max(0, Math.min(expBytes, input.length - expOffset));
    BigInteger head = new BigInteger(1, Inputs.padded(input, expOffset, (int) present));
    long tailBits = 8 * (expBytes - present);
    if (head.signum() == 0) {
      return BigInteger.ONE.mod(modulus);
    }
    if (tailBits <= SHIFT_LIMIT_BITS) {
      return base.modPow(head.shiftLeft((int) tailBits), modulus);
    }
    // exp = head * 2^tailBits, so base^exp = (base^head)^(2^tailBits).
    BigInteger result = base.modPow(head, modulus);
    for (long i = 0; i < tailBits && result.compareTo(BigInteger.ONE) > 0; i++) {
      result = result.multiply(result).mod(modulus);
    }
    return result;
  }

  /** The price of a call, exactly, as an unbounded integer. */
  BigInteger gas(byte[] input, BigInteger baseLength, BigInteger expLength, BigInteger modLength) {
    BigInteger iterations = iterationCount(input, baseLength, expLength).max(BigInteger.ONE);
    BigInteger x = baseLength.max(modLength);
    return switch (pricing) {
      case EIP2565 -> {
        // EIP-2565: words = ceil(x / 8); complexity = words^2; gas = max(200, c * iter / 3).
        BigInteger words = x.add(BigInteger.valueOf(7)).shiftRight(3);
        BigInteger gas = words.multiply(words).multiply(iterations).divide(BigInteger.valueOf(3));
        yield gas.max(BigInteger.valueOf(200));
      }
      case EIP198 -> eip198Complexity(x).multiply(iterations).divide(BigInteger.valueOf(20));
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
   * highest set bit (0 for a zero exponent); beyond that, {@code 8 * (Esize - 32)} plus the index
   * of the highest set bit of its first 32 bytes.
   */
  static BigInteger iterationCount(byte[] input, BigInteger baseLength, BigInteger expLength) {
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
    return expLength.subtract(THIRTY_TWO).shiftLeft(3).add(highestBit);
  }

  private static BigInteger word(byte[] input, int offset) {
    return new BigInteger(1, Inputs.padded(input, offset, 32));
  }
}
