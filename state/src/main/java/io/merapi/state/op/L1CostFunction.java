package io.merapi.state.op;

import io.merapi.base.uint.UInt256;
import java.math.BigInteger;

/**
 * The L1 data fee a non-deposit transaction pays, by the formula of the hardfork in force (specs
 * exec-engine.md "L1-Cost fees", fjord/exec-engine.md). Each formula is an unlimited-precision
 * integer computation; {@link #gasUsed} is the receipt's {@code l1GasUsed}.
 */
public sealed interface L1CostFunction {
  BigInteger MILLION = BigInteger.valueOf(1_000_000);
  BigInteger SIXTEEN = BigInteger.valueOf(16);
  long TX_DATA_ZERO_GAS = 4;
  long TX_DATA_NON_ZERO_GAS = 16;

  /** The fee in wei. */
  UInt256 fee(RollupCostData data);

  /** The L1 gas the transaction's data is estimated to take ({@code l1GasUsed}). */
  BigInteger gasUsed(RollupCostData data);

  /**
   * Bedrock and Regolith: {@code (rollupDataGas + overhead) * l1BaseFee * scalar / 1e6}; before
   * Regolith every transaction is charged 68 extra non-zero bytes (a remnant of pre-Bedrock
   * accounting for the signature of an unsigned transaction).
   */
  record Bedrock(BigInteger l1BaseFee, BigInteger overhead, BigInteger scalar, boolean regolith)
      implements L1CostFunction {
    @Override
    public BigInteger gasUsed(RollupCostData data) {
      long ones = regolith ? data.ones() : data.ones() + 68;
      return BigInteger.valueOf(data.zeroes() * TX_DATA_ZERO_GAS + ones * TX_DATA_NON_ZERO_GAS)
          .add(overhead);
    }

    @Override
    public UInt256 fee(RollupCostData data) {
      return toUInt256(gasUsed(data).multiply(l1BaseFee).multiply(scalar).divide(MILLION));
    }
  }

  /**
   * Ecotone: {@code calldataGas * (16 * l1BaseFee * baseFeeScalar + blobBaseFee *
   * blobBaseFeeScalar) / 16e6}, the division by 16 postponed to the end for precision.
   */
  record Ecotone(
      BigInteger l1BaseFee,
      BigInteger l1BlobBaseFee,
      long l1BaseFeeScalar,
      long l1BlobBaseFeeScalar)
      implements L1CostFunction {
    private static final BigInteger DIVISOR = BigInteger.valueOf(16_000_000);

    @Override
    public BigInteger gasUsed(RollupCostData data) {
      return BigInteger.valueOf(
          data.zeroes() * TX_DATA_ZERO_GAS + data.ones() * TX_DATA_NON_ZERO_GAS);
    }

    @Override
    public UInt256 fee(RollupCostData data) {
      BigInteger perByte =
          l1BaseFee
              .multiply(SIXTEEN)
              .multiply(BigInteger.valueOf(l1BaseFeeScalar))
              .add(l1BlobBaseFee.multiply(BigInteger.valueOf(l1BlobBaseFeeScalar)));
      return toUInt256(perByte.multiply(gasUsed(data)).divide(DIVISOR));
    }
  }

  /**
   * Fjord: {@code max(minTransactionSize * 1e6, intercept + fastlzCoef * fastlzSize) * (16 *
   * l1BaseFee * baseFeeScalar + blobBaseFee * blobBaseFeeScalar) / 1e12}.
   */
  record Fjord(
      BigInteger l1BaseFee,
      BigInteger l1BlobBaseFee,
      long l1BaseFeeScalar,
      long l1BlobBaseFeeScalar)
      implements L1CostFunction {
    /** fjord/exec-engine.md: intercept and FastLZ coefficient (scaled by 1e6), minimum size. */
    public static final long INTERCEPT = -42_585_600;

    public static final long FASTLZ_COEF = 836_500;
    public static final long MIN_TRANSACTION_SIZE = 100;

    private static final BigInteger MIN_SIZE_SCALED =
        BigInteger.valueOf(MIN_TRANSACTION_SIZE * 1_000_000);
    private static final BigInteger DIVISOR = BigInteger.valueOf(1_000_000_000_000L);

    /** {@code max(minTransactionSize * 1e6, intercept + fastlzCoef * fastlzSize)}. */
    public static BigInteger estimatedSizeScaled(long fastLzSize) {
      BigInteger estimate =
          BigInteger.valueOf(INTERCEPT)
              .add(BigInteger.valueOf(FASTLZ_COEF).multiply(BigInteger.valueOf(fastLzSize)));
      return estimate.max(MIN_SIZE_SCALED);
    }

    @Override
    public BigInteger gasUsed(RollupCostData data) {
      return estimatedSizeScaled(data.fastLzSize())
          .multiply(BigInteger.valueOf(TX_DATA_NON_ZERO_GAS))
          .divide(MILLION);
    }

    @Override
    public UInt256 fee(RollupCostData data) {
      BigInteger scaledFee =
          l1BaseFee
              .multiply(BigInteger.valueOf(l1BaseFeeScalar))
              .multiply(SIXTEEN)
              .add(l1BlobBaseFee.multiply(BigInteger.valueOf(l1BlobBaseFeeScalar)));
      return toUInt256(estimatedSizeScaled(data.fastLzSize()).multiply(scaledFee).divide(DIVISOR));
    }
  }

  /**
   * The fee as a uint256, saturated: the formulas' inputs are uint256 storage words, so absurd
   * parameters can ask for more than 2^256 - 1 wei. op-geth keeps the fee as a big integer and
   * refuses the transaction for insufficient funds; no balance reaches the saturated value either,
   * so the transaction is refused the same way instead of failing the block.
   */
  private static UInt256 toUInt256(BigInteger value) {
    return value.bitLength() > 256 ? UInt256.MAX_VALUE : UInt256.valueOf(value);
  }
}
