package io.merapi.service.txmgr;

import io.merapi.base.uint.UInt256;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;

/**
 * The transaction manager's settings, as op-service's txmgr flags name them (defaults are
 * op-batcher's and op-proposer's, {@code txmgr.DefaultBatcherFlagValues}).
 *
 * @param numConfirmations {@code --num-confirmations}: blocks on top of the including one, counted
 *     with it (1 = mined)
 * @param safeAbortNonceTooLowCount {@code --safe-abort-nonce-too-low-count}: "nonce too low"
 *     answers without a receipt of ours after which a send gives up
 * @param feeLimitMultiplier {@code --fee-limit-multiplier}: a bumped fee may not exceed this many
 *     times the current suggestion
 * @param feeLimitThreshold {@code --txmgr.fee-limit-threshold} in wei: fee caps below it are never
 *     refused by the multiplier
 * @param minTipCap {@code --txmgr.min-tip-cap} in wei
 * @param minBaseFee {@code --txmgr.min-basefee} in wei: the base fee assumed when the L1's is lower
 * @param resubmissionTimeout {@code --resubmission-timeout}: wait before a fee bump
 * @param networkTimeout {@code --network-timeout}: each L1 call
 * @param txSendTimeout {@code --txmgr.send-timeout}: a whole send, zero for none
 * @param txNotInMempoolTimeout {@code --txmgr.not-in-mempool-timeout}: a send whose first
 *     submission never reached the pool gives up after this
 * @param receiptQueryInterval {@code --txmgr.receipt-query-interval}
 * @param maxPendingTx {@code --max-pending-tx}: candidates of {@link TxManager#sendAsync} in
 *     flight, 0 for no limit
 */
public record TxManagerConfig(
    long numConfirmations,
    int safeAbortNonceTooLowCount,
    long feeLimitMultiplier,
    UInt256 feeLimitThreshold,
    UInt256 minTipCap,
    UInt256 minBaseFee,
    Duration resubmissionTimeout,
    Duration networkTimeout,
    Duration txSendTimeout,
    Duration txNotInMempoolTimeout,
    Duration receiptQueryInterval,
    int maxPendingTx) {
  private static final BigDecimal WEI_PER_GWEI = BigDecimal.TEN.pow(9);

  public TxManagerConfig {
    if (numConfirmations < 1) {
      throw new IllegalArgumentException("num-confirmations must be at least 1");
    }
    if (safeAbortNonceTooLowCount < 1) {
      throw new IllegalArgumentException("safe-abort-nonce-too-low-count must be at least 1");
    }
    if (feeLimitMultiplier < 1) {
      throw new IllegalArgumentException("fee-limit-multiplier must be at least 1");
    }
    Objects.requireNonNull(feeLimitThreshold, "feeLimitThreshold");
    Objects.requireNonNull(minTipCap, "minTipCap");
    Objects.requireNonNull(minBaseFee, "minBaseFee");
    requirePositive(resubmissionTimeout, "resubmission-timeout");
    requirePositive(networkTimeout, "network-timeout");
    if (txSendTimeout.isNegative()) {
      throw new IllegalArgumentException("txmgr.send-timeout must not be negative");
    }
    requirePositive(txNotInMempoolTimeout, "txmgr.not-in-mempool-timeout");
    requirePositive(receiptQueryInterval, "txmgr.receipt-query-interval");
    if (maxPendingTx < 0) {
      throw new IllegalArgumentException("max-pending-tx must not be negative");
    }
  }

  private static void requirePositive(Duration duration, String flag) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException(flag + " must be positive, got " + duration);
    }
  }

  /** op-service's batcher defaults, with one candidate in flight as op-batcher's default. */
  public static TxManagerConfig defaults() {
    return new TxManagerConfig(
        10,
        3,
        5,
        gwei("100"),
        gwei("1"),
        gwei("1"),
        Duration.ofSeconds(48),
        Duration.ofSeconds(10),
        Duration.ofMinutes(10),
        Duration.ofMinutes(2),
        Duration.ofSeconds(12),
        1);
  }

  /** Wei in {@code gwei} (a decimal such as {@code 1.5}), as the gwei flags are given. */
  public static UInt256 gwei(String gwei) {
    BigDecimal wei;
    try {
      wei = new BigDecimal(gwei.trim()).multiply(WEI_PER_GWEI);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a number of gwei: " + gwei);
    }
    if (wei.signum() < 0) {
      throw new IllegalArgumentException("gwei must not be negative: " + gwei);
    }
    return UInt256.valueOf(wei.toBigInteger());
  }

  public TxManagerConfig withNumConfirmations(long value) {
    return new TxManagerConfig(
        value,
        safeAbortNonceTooLowCount,
        feeLimitMultiplier,
        feeLimitThreshold,
        minTipCap,
        minBaseFee,
        resubmissionTimeout,
        networkTimeout,
        txSendTimeout,
        txNotInMempoolTimeout,
        receiptQueryInterval,
        maxPendingTx);
  }

  public TxManagerConfig withMinTipCap(UInt256 value) {
    return new TxManagerConfig(
        numConfirmations,
        safeAbortNonceTooLowCount,
        feeLimitMultiplier,
        feeLimitThreshold,
        value,
        minBaseFee,
        resubmissionTimeout,
        networkTimeout,
        txSendTimeout,
        txNotInMempoolTimeout,
        receiptQueryInterval,
        maxPendingTx);
  }

  public TxManagerConfig withMinBaseFee(UInt256 value) {
    return new TxManagerConfig(
        numConfirmations,
        safeAbortNonceTooLowCount,
        feeLimitMultiplier,
        feeLimitThreshold,
        minTipCap,
        value,
        resubmissionTimeout,
        networkTimeout,
        txSendTimeout,
        txNotInMempoolTimeout,
        receiptQueryInterval,
        maxPendingTx);
  }

  /** Resubmission timeout and receipt query interval: what tests shorten together. */
  public TxManagerConfig withTimings(Duration resubmission, Duration receiptQuery) {
    return new TxManagerConfig(
        numConfirmations,
        safeAbortNonceTooLowCount,
        feeLimitMultiplier,
        feeLimitThreshold,
        minTipCap,
        minBaseFee,
        resubmission,
        networkTimeout,
        txSendTimeout,
        txNotInMempoolTimeout,
        receiptQuery,
        maxPendingTx);
  }

  public TxManagerConfig withTxSendTimeout(Duration value) {
    return new TxManagerConfig(
        numConfirmations,
        safeAbortNonceTooLowCount,
        feeLimitMultiplier,
        feeLimitThreshold,
        minTipCap,
        minBaseFee,
        resubmissionTimeout,
        networkTimeout,
        value,
        txNotInMempoolTimeout,
        receiptQueryInterval,
        maxPendingTx);
  }

  public TxManagerConfig withMaxPendingTx(int value) {
    return new TxManagerConfig(
        numConfirmations,
        safeAbortNonceTooLowCount,
        feeLimitMultiplier,
        feeLimitThreshold,
        minTipCap,
        minBaseFee,
        resubmissionTimeout,
        networkTimeout,
        txSendTimeout,
        txNotInMempoolTimeout,
        receiptQueryInterval,
        value);
  }
}
