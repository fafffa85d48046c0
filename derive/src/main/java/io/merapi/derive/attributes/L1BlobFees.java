package io.merapi.derive.attributes;

import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Header;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.RollupConfig;
import java.math.BigInteger;

/**
 * The EIP-4844 blob base fee of an L1 block, as the L1 info deposit reports it from Ecotone on
 * (ecotone/l1-attributes.md): {@code fake_exponential(1, excessBlobGas, updateFraction)} with the
 * update fraction of the blob schedule the L1 block runs under, and 1 (the minimum blob base fee)
 * for an L1 block from before Cancun. The fraction is the one thing that depends on the L1's fork
 * schedule, which the rollup config does not carry: {@link #of(ChainConfig)} reads it from the L1
 * chain config (as op-node and kona do), {@link #fromHeaderFields()} guesses it from the header
 * (Prague's when the header has a {@code requestsHash}), which is exact for an L1 between Cancun
 * and Osaka's blob-parameter-only forks.
 */
@FunctionalInterface
public interface L1BlobFees {
  /** The blob base fee update fraction that applies to {@code l1Header}. */
  long updateFraction(Header l1Header);

  /** Cancun's fraction, or Prague's for a header with the Prague {@code requestsHash} field. */
  static L1BlobFees fromHeaderFields() {
    return h ->
        h.requestsHash().isPresent()
            ? BlobSchedule.PRAGUE.baseFeeUpdateFraction()
            : BlobSchedule.CANCUN.baseFeeUpdateFraction();
  }

  /**
   * The fraction of the blob schedule in force for the header in {@code l1}: its fork's, or its
   * blob-parameter-only fork's (EIP-7892).
   */
  static L1BlobFees of(ChainConfig l1) {
    return h -> l1.blobScheduleAt(h.number(), h.timestamp()).baseFeeUpdateFraction();
  }

  /**
   * The blob base fee of {@code l1Header} for the L1 info deposit. With the optional Pectra blob
   * schedule fork set in the rollup config, L1 origins before its time use Cancun's fraction
   * (pectra-blob-schedule/derivation.md), as chains whose nodes missed Prague's change did.
   */
  default UInt256 blobBaseFee(RollupConfig rollup, Header l1Header) {
    if (l1Header.excessBlobGas().isEmpty()) {
      return UInt256.ONE;
    }
    long fraction = updateFraction(l1Header);
    if (rollup.pectraBlobScheduleTime().isPresent()
        && Long.compareUnsigned(l1Header.timestamp(), rollup.pectraBlobScheduleTime().getAsLong())
            < 0) {
      fraction = BlobSchedule.CANCUN.baseFeeUpdateFraction();
    }
    return fakeExponential(l1Header.excessBlobGas().getAsLong(), fraction);
  }

  /**
   * The blob base fee of {@code l1Header} judged by its own fields ({@link #fromHeaderFields()}); 1
   * for a header from before Cancun. What an L1 sender prices blobs by when the node's {@code
   * eth_blobBaseFee} is not asked.
   */
  static UInt256 fromHeader(Header l1Header) {
    if (l1Header.excessBlobGas().isEmpty()) {
      return UInt256.ONE;
    }
    return fakeExponential(
        l1Header.excessBlobGas().getAsLong(), fromHeaderFields().updateFraction(l1Header));
  }

  /** EIP-4844 {@code fake_exponential(1, numerator, denominator)}. */
  private static UInt256 fakeExponential(long excessBlobGas, long updateFraction) {
    BigInteger numerator = new BigInteger(Long.toUnsignedString(excessBlobGas));
    BigInteger denominator = BigInteger.valueOf(updateFraction);
    BigInteger output = BigInteger.ZERO;
    BigInteger accumulator = denominator;
    for (int i = 1; accumulator.signum() > 0; i++) {
      output = output.add(accumulator);
      accumulator =
          accumulator.multiply(numerator).divide(denominator.multiply(BigInteger.valueOf(i)));
    }
    return UInt256.valueOf(output.divide(denominator));
  }
}
