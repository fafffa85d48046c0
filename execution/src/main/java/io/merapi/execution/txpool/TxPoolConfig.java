package io.merapi.execution.txpool;

import io.merapi.base.uint.UInt256;
import java.time.Duration;
import java.util.Objects;

/**
 * The pool's limits, with geth's {@code legacypool.DefaultConfig} as defaults.
 *
 * @param priceLimit the lowest tip cap (wei per gas) accepted ({@code --txpool.pricelimit})
 * @param priceBump the percentage by which both fee caps of a replacement must exceed the replaced
 *     transaction's ({@code --txpool.pricebump})
 * @param accountSlots pending transactions each account keeps however full the pool is
 * @param globalSlots pending transactions of all accounts before the largest are cut back
 * @param accountQueue queued (not yet executable) transactions per account
 * @param globalQueue queued transactions of all accounts
 * @param lifetime how long an account's queued transactions wait without activity
 * @param maxTransactionSize the largest canonical encoding accepted (128 KiB: four 32 KiB slots)
 */
public record TxPoolConfig(
    UInt256 priceLimit,
    int priceBump,
    int accountSlots,
    int globalSlots,
    int accountQueue,
    int globalQueue,
    Duration lifetime,
    int maxTransactionSize) {

  /** geth {@code txSlotSize}: capacity is counted in 32 KiB slots. */
  public static final int SLOT_SIZE = 32 * 1024;

  /** geth {@code txMaxSize}. */
  public static final int DEFAULT_MAX_SIZE = 4 * SLOT_SIZE;

  public TxPoolConfig {
    Objects.requireNonNull(priceLimit);
    Objects.requireNonNull(lifetime);
    if (priceBump < 0 || accountSlots < 1 || globalSlots < 1 || accountQueue < 1) {
      throw new IllegalArgumentException("pool limits must be positive");
    }
    if (globalQueue < 1 || maxTransactionSize < 1 || lifetime.isNegative()) {
      throw new IllegalArgumentException("pool limits must be positive");
    }
  }

  public static TxPoolConfig defaults() {
    return new TxPoolConfig(
        UInt256.ONE, 10, 16, 4096 + 1024, 64, 1024, Duration.ofHours(3), DEFAULT_MAX_SIZE);
  }

  public TxPoolConfig withPriceLimit(UInt256 priceLimit) {
    return new TxPoolConfig(
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        lifetime,
        maxTransactionSize);
  }

  public TxPoolConfig withPriceBump(int priceBump) {
    return new TxPoolConfig(
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        lifetime,
        maxTransactionSize);
  }

  public TxPoolConfig withSlots(
      int accountSlots, int globalSlots, int accountQueue, int globalQueue) {
    return new TxPoolConfig(
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        lifetime,
        maxTransactionSize);
  }

  public TxPoolConfig withLifetime(Duration lifetime) {
    return new TxPoolConfig(
        priceLimit,
        priceBump,
        accountSlots,
        globalSlots,
        accountQueue,
        globalQueue,
        lifetime,
        maxTransactionSize);
  }

  /** Capacity in slots before the cheapest transactions make way: pending plus queued. */
  int capacitySlots() {
    return globalSlots + globalQueue;
  }

  /** geth {@code numSlots}: how many 32 KiB slots a transaction of {@code size} bytes takes. */
  static int slots(int size) {
    return (size + SLOT_SIZE - 1) / SLOT_SIZE;
  }
}
