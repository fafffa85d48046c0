package io.merapi.state;

import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Header;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.ChainConfig;
import java.math.BigInteger;

/**
 * EIP-4844 blob gas accounting: the blob base fee and the excess blob gas, with a fork's {@link
 * BlobSchedule} (EIP-7691 raised target and maximum in Prague; EIP-7840 puts them in the chain
 * config). The overloads without a schedule are Cancun's.
 */
public final class BlobGas {
  public static final long GAS_PER_BLOB = 131_072;
  public static final long TARGET_BLOB_GAS_PER_BLOCK = 393_216;
  public static final long MAX_BLOB_GAS_PER_BLOCK = 786_432;
  public static final long MIN_BLOB_BASE_FEE = 1;
  public static final long BLOB_BASE_FEE_UPDATE_FRACTION = 3_338_477;

  /** EIP-7918 {@code BLOB_BASE_COST}: the execution gas a blob is worth at least. */
  public static final long BLOB_BASE_COST = 1 << 13;

  private BlobGas() {}

  /** The blob base fee for a block with {@code excessBlobGas}, under Cancun's schedule. */
  public static UInt256 baseFee(long excessBlobGas) {
    return baseFee(excessBlobGas, BlobSchedule.CANCUN);
  }

  /**
   * The blob base fee of {@code header}'s block under its own fork's blob parameters (Cancun,
   * Prague, Osaka or a blob-parameter-only fork of {@code config}); zero before Cancun.
   */
  public static UInt256 baseFee(Header header, ChainConfig config) {
    return header.excessBlobGas().isPresent()
        ? baseFee(
            header.excessBlobGas().getAsLong(),
            config.blobScheduleAt(header.number(), header.timestamp()))
        : UInt256.ZERO;
  }

  /** The blob base fee for a block with {@code excessBlobGas} under {@code schedule}. */
  public static UInt256 baseFee(long excessBlobGas, BlobSchedule schedule) {
    return UInt256.valueOf(
        fakeExponential(
            BigInteger.valueOf(MIN_BLOB_BASE_FEE),
            new BigInteger(Long.toUnsignedString(excessBlobGas)),
            BigInteger.valueOf(schedule.baseFeeUpdateFraction())));
  }

  /** A block's excess blob gas from its parent's excess and use, under Cancun's schedule. */
  public static long excessBlobGas(long parentExcessBlobGas, long parentBlobGasUsed) {
    return excessBlobGas(parentExcessBlobGas, parentBlobGasUsed, BlobSchedule.CANCUN);
  }

  /** A block's excess blob gas from its parent's excess and use, under the block's schedule. */
  public static long excessBlobGas(
      long parentExcessBlobGas, long parentBlobGasUsed, BlobSchedule schedule) {
    long sum = parentExcessBlobGas + parentBlobGasUsed;
    long target = schedule.targetBlobGas();
    return Long.compareUnsigned(sum, target) < 0 ? 0 : sum - target;
  }

  /**
   * A block's excess blob gas from Osaka (EIP-7918): as before, except while the parent's blob
   * price is below what a blob's {@link #BLOB_BASE_COST} of execution gas costs at the parent's
   * base fee. Then the excess only grows, by the parent's use scaled by {@code (max - target) /
   * max}, so the blob fee climbs back towards that reserve instead of falling further.
   */
  public static long excessBlobGasOsaka(
      long parentExcessBlobGas,
      long parentBlobGasUsed,
      UInt256 parentBaseFee,
      BlobSchedule schedule) {
    long sum = parentExcessBlobGas + parentBlobGasUsed;
    long target = schedule.targetBlobGas();
    if (Long.compareUnsigned(sum, target) < 0) {
      return 0;
    }
    BigInteger reservePrice =
        BigInteger.valueOf(BLOB_BASE_COST).multiply(parentBaseFee.toBigInteger());
    BigInteger blobPrice =
        BigInteger.valueOf(GAS_PER_BLOB)
            .multiply(baseFee(parentExcessBlobGas, schedule).toBigInteger());
    if (reservePrice.compareTo(blobPrice) > 0) {
      BigInteger scaled =
          new BigInteger(Long.toUnsignedString(parentBlobGasUsed))
              .multiply(BigInteger.valueOf(schedule.max() - schedule.target()))
              .divide(BigInteger.valueOf(schedule.max()));
      return parentExcessBlobGas + scaled.longValue();
    }
    return sum - target;
  }

  /** EIP-4844 {@code fake_exponential}: factor * e ** (numerator / denominator), in integers. */
  static BigInteger fakeExponential(
      BigInteger factor, BigInteger numerator, BigInteger denominator) {
    BigInteger output = BigInteger.ZERO;
    BigInteger accumulator = factor.multiply(denominator);
    for (int i = 1; accumulator.signum() > 0; i++) {
      output = output.add(accumulator);
      accumulator =
          accumulator.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
    }
    return output.divide(denominator);
  }
}
