package io.merapi.state;

import io.merapi.base.uint.UInt256;
import java.math.BigInteger;

/** EIP-1559's base fee of a block from its parent's base fee, gas used and gas limit. */
public final class BaseFee {
  /** The base fee of the first London block. */
  public static final UInt256 INITIAL_BASE_FEE = UInt256.valueOf(1_000_000_000L);

  public static final long ELASTICITY_MULTIPLIER = 2;
  public static final long BASE_FEE_MAX_CHANGE_DENOMINATOR = 8;

  private BaseFee() {}

  /** The base fee after a parent block that already had one. */
  public static UInt256 next(UInt256 parentBaseFee, long parentGasUsed, long parentGasLimit) {
    return next(
        parentBaseFee,
        parentGasUsed,
        parentGasLimit,
        ELASTICITY_MULTIPLIER,
        BASE_FEE_MAX_CHANGE_DENOMINATOR);
  }

  /**
   * The base fee after a parent block with the given elasticity multiplier and change denominator
   * (OP chains configure both, and from Holocene take them from the parent header).
   */
  public static UInt256 next(
      UInt256 parentBaseFee,
      long parentGasUsed,
      long parentGasLimit,
      long elasticityMultiplier,
      long maxChangeDenominator) {
    long target = parentGasLimit / elasticityMultiplier;
    if (parentGasUsed == target) {
      return parentBaseFee;
    }
    BigInteger base = parentBaseFee.toBigInteger();
    BigInteger denominator =
        BigInteger.valueOf(target).multiply(BigInteger.valueOf(maxChangeDenominator));
    if (parentGasUsed > target) {
      BigInteger delta =
          base.multiply(BigInteger.valueOf(parentGasUsed - target)).divide(denominator);
      return UInt256.valueOf(base.add(delta.max(BigInteger.ONE)));
    }
    BigInteger delta =
        base.multiply(BigInteger.valueOf(target - parentGasUsed)).divide(denominator);
    return UInt256.valueOf(base.subtract(delta).max(BigInteger.ZERO));
  }
}
