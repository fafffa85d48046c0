package io.merapi.execution.api.call;

import io.merapi.base.uint.UInt256;
import io.merapi.evm.Halt;
import io.merapi.evm.Tracer;
import io.merapi.state.BlobGas;
import java.math.BigInteger;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code eth_estimateGas} (geth's {@code gasestimator.Estimate}): the smallest gas limit at which
 * the message succeeds, by binary search between the gas the unconstrained run used and the most
 * the sender can pay for (the block gas limit, the caller's limit, the gas cap, the balance),
 * stopping once within {@value #ERROR_RATIO} of the answer. A plain transfer tries 21000 first.
 */
public final class GasEstimator {
  /** geth's {@code estimateGasErrorRatio}: wallets add more than this anyway. */
  static final double ERROR_RATIO = 0.015;

  static final long TX_GAS = 21_000;
  static final long CALL_STIPEND = 2_300;

  private GasEstimator() {}

  /** What the estimate came to: a gas limit, or a failure with its revert data. */
  public sealed interface Estimate {
    record Gas(long gas) implements Estimate {}

    /** The message fails at the highest limit for another reason than gas. */
    record Failed(Halt halt, byte[] revertData) implements Estimate {}
  }

  /**
   * @param msg the message with the caller's gas limit (0 if none was given)
   * @param gasCap the node's {@code --rpc.gascap} (0: none)
   * @param tracer a fresh tracer per run (deadline)
   * @throws CallException when no limit can work (funds, gas required exceeds allowance)
   */
  public static Estimate estimate(
      CallEnvironment env, CallMessage msg, long gasCap, Supplier<Tracer> tracer) {
    long hi = env.block().gasLimit();
    if (Long.compareUnsigned(msg.gasLimit(), TX_GAS) >= 0) {
      hi = msg.gasLimit();
    }
    UInt256 feeCap = msg.feeCap().isZero() ? msg.gasPrice() : msg.feeCap();
    if (!feeCap.isZero()) {
      BigInteger available =
          env.state()
              .account(msg.from())
              .map(a -> a.balance().toBigInteger())
              .orElse(BigInteger.ZERO);
      BigInteger value = msg.value().toBigInteger();
      if (value.compareTo(available) >= 0) {
        throw new CallException("insufficient funds for transfer");
      }
      available = available.subtract(value);
      if (!msg.blobHashes().isEmpty()) {
        BigInteger blobCost =
            BigInteger.valueOf(msg.blobHashes().size() * BlobGas.GAS_PER_BLOB)
                .multiply(msg.blobFeeCap().orElse(UInt256.ZERO).toBigInteger());
        if (blobCost.compareTo(available) >= 0) {
          throw new CallException("insufficient funds for gas * price + value");
        }
        available = available.subtract(blobCost);
      }
      BigInteger allowance = available.divide(feeCap.toBigInteger());
      if (allowance.bitLength() <= 63 && Long.compareUnsigned(hi, allowance.longValue()) > 0) {
        hi = allowance.longValue();
      }
    }
    if (gasCap != 0 && Long.compareUnsigned(hi, gasCap) > 0) {
      hi = gasCap;
    }

    // A plain transfer: 21000, unless the fields make it cost more.
    if (msg.data().isEmpty()
        && msg.to().isPresent()
        && env.state()
            .account(msg.to().get())
            .map(a -> a.codeHash().equals(io.merapi.state.Account.EMPTY_CODE_HASH))
            .orElse(true)) {
      Optional<CallOutcome> transfer = run(env, msg, TX_GAS, tracer);
      if (transfer.isPresent() && transfer.get().isSuccess()) {
        return new Estimate.Gas(TX_GAS);
      }
    }

    Optional<CallOutcome> first = run(env, msg, hi, tracer);
    if (first.isEmpty() || !first.get().isSuccess()) {
      if (first.isPresent() && first.get().halt() != Halt.OUT_OF_GAS) {
        return new Estimate.Failed(first.get().halt(), first.get().revertData());
      }
      throw new CallException("gas required exceeds allowance (" + Long.toUnsignedString(hi) + ")");
    }
    long lo = first.get().gasUsed() - 1;

    // Likely enough: what was used and refunded, with the stipend, over 63/64 (EIP-150).
    long optimistic = (first.get().gasUsed() + first.get().gasRefunded() + CALL_STIPEND) * 64 / 63;
    if (Long.compareUnsigned(optimistic, hi) < 0) {
      if (succeeds(env, msg, optimistic, tracer)) {
        hi = optimistic;
      } else {
        lo = optimistic;
      }
    }
    while (Long.compareUnsigned(lo + 1, hi) < 0) {
      if ((double) (hi - lo) / hi < ERROR_RATIO) {
        break;
      }
      long mid = lo + (hi - lo) / 2;
      if (Long.compareUnsigned(mid, lo * 2) > 0) {
        // Most transactions need little more than they use: bisect towards the low side.
        mid = lo * 2;
      }
      if (succeeds(env, msg, mid, tracer)) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return new Estimate.Gas(hi);
  }

  private static boolean succeeds(
      CallEnvironment env, CallMessage msg, long gas, Supplier<Tracer> tracer) {
    return run(env, msg, gas, tracer).map(CallOutcome::isSuccess).orElse(false);
  }

  /** One run at {@code gas}; empty when the limit is below the intrinsic gas (raise it). */
  private static Optional<CallOutcome> run(
      CallEnvironment env, CallMessage msg, long gas, Supplier<Tracer> tracer) {
    try {
      return Optional.of(CallExecutor.apply(env, msg.withGasLimit(gas), tracer.get()));
    } catch (CallException e) {
      if (e.intrinsicGasTooLow()) {
        return Optional.empty();
      }
      throw e;
    }
  }
}
