package io.merapi.service.txmgr;

import io.merapi.base.uint.UInt256;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How fees are chosen and bumped (op-service txmgr's {@code updateFees}, {@code calcGasFeeCap},
 * {@code checkLimits}). A replacement must beat the version in the pool by geth's price bump on
 * every fee: 10% for ordinary transactions, 100% for blob transactions (geth's blob pool asks for
 * the doubled price on the tip, the fee cap and the blob fee cap alike). Pure.
 */
public final class FeeRules {
  /** geth's {@code txpool.pricebump}. */
  static final long PRICE_BUMP_PERCENT = 10;

  /** geth's blob pool bump. */
  static final long BLOB_PRICE_BUMP_PERCENT = 100;

  /** geth refuses blob transactions paying under 1 gwei per blob gas. */
  static final UInt256 MIN_BLOB_FEE_CAP = UInt256.valueOf(1_000_000_000L);

  private FeeRules() {}

  /** The first version's fees: the suggested tip and {@code tip + 2 * baseFee}. */
  public static FeeCaps initial(GasPriceEstimate estimate, boolean blobTx) {
    return new FeeCaps(
        estimate.tipCap(),
        feeCap(estimate.baseFee(), estimate.tipCap()),
        blobTx ? blobFeeCap(estimate.blobBaseFee()) : UInt256.ZERO);
  }

  /** {@code tip + 2 * baseFee}: room for the base fee to double before the transaction stalls. */
  public static UInt256 feeCap(UInt256 baseFee, UInt256 tipCap) {
    return tipCap.add(baseFee.multiply(2));
  }

  /** Twice the blob base fee, at least {@link #MIN_BLOB_FEE_CAP}. */
  public static UInt256 blobFeeCap(UInt256 blobBaseFee) {
    return blobBaseFee.multiply(2).max(MIN_BLOB_FEE_CAP);
  }

  /** {@code ceil(x * (100 + bump) / 100)}: the least value the pool accepts in place of x. */
  public static UInt256 threshold(UInt256 x, boolean blobTx) {
    long factor = 100 + (blobTx ? BLOB_PRICE_BUMP_PERCENT : PRICE_BUMP_PERCENT);
    return x.multiply(factor).add(UInt256.valueOf(99)).divide(UInt256.valueOf(100));
  }

  /**
   * The fees of the next version: each at least the pool's replacement threshold over {@code old},
   * the tip at least the new suggestion, and the fee cap at least {@code tip + 2 * baseFee} where
   * the suggestion's base fee calls for it.
   */
  public static FeeCaps bump(FeeCaps old, GasPriceEstimate estimate, boolean blobTx) {
    UInt256 thresholdTip = threshold(old.tipCap(), blobTx);
    UInt256 thresholdFeeCap = threshold(old.feeCap(), blobTx);
    UInt256 tip = estimate.tipCap().max(thresholdTip);
    // With the tip raised to the threshold, the fee cap must still leave room for the base fee.
    UInt256 feeCap = feeCap(estimate.baseFee(), tip).max(thresholdFeeCap);
    UInt256 blobFeeCap =
        blobTx
            ? threshold(old.blobFeeCap(), true).max(blobFeeCap(estimate.blobBaseFee()))
            : UInt256.ZERO;
    return new FeeCaps(tip, feeCap, blobFeeCap);
  }

  /**
   * Why {@code bumped} is over the limit ({@code --fee-limit-multiplier} times the suggestion, for
   * values at or above {@code --txmgr.fee-limit-threshold}), or empty when it may be sent.
   */
  public static Optional<String> overLimit(
      FeeCaps bumped, GasPriceEstimate estimate, long multiplier, UInt256 threshold) {
    UInt256 maxTip = estimate.tipCap().multiply(multiplier);
    UInt256 maxFee = feeCap(estimate.baseFee().multiply(multiplier), maxTip);
    UInt256 maxBlobFee = blobFeeCap(estimate.blobBaseFee()).multiply(multiplier);
    List<String> reasons = new ArrayList<>();
    check(bumped.tipCap(), maxTip, threshold, "tip cap", multiplier, reasons);
    check(bumped.feeCap(), maxFee, threshold, "fee cap", multiplier, reasons);
    if (!bumped.blobFeeCap().isZero()) {
      check(bumped.blobFeeCap(), maxBlobFee, threshold, "blob fee cap", multiplier, reasons);
    }
    return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", reasons));
  }

  private static void check(
      UInt256 value,
      UInt256 max,
      UInt256 threshold,
      String name,
      long multiplier,
      List<String> reasons) {
    if (value.compareTo(threshold) < 0 || value.compareTo(max) <= 0) {
      return;
    }
    reasons.add(
        "bumped "
            + name
            + " "
            + value.toDecimalString()
            + " wei is over "
            + multiplier
            + "x the suggested "
            + max.divide(UInt256.valueOf(multiplier)).toDecimalString()
            + " wei");
  }
}
