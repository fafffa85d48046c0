package io.merapi.execution.api.fee;

import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.BlockParam;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.state.BlobGas;
import io.merapi.state.block.ChainRules;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code eth_feeHistory} (geth's {@code Oracle.FeeHistory}): for up to {@value #MAX_HISTORY} blocks
 * ending at {@code newestBlock}, each block's base fee (and the next block's), gas used ratio, blob
 * base fee and blob gas ratio, and at each requested percentile of gas used the effective tip of
 * the transaction it falls in.
 */
public final class FeeHistory {
  static final long MAX_HISTORY = 1024;
  static final int MAX_PERCENTILES = 100;

  private final ChainAccess chain;

  public FeeHistory(ChainAccess chain) {
    this.chain = chain;
  }

  /** The answer, in geth's field order; the reward list only when percentiles were asked. */
  public record Result(
      UInt256 oldestBlock,
      Optional<List<List<UInt256>>> reward,
      List<UInt256> baseFeePerGas,
      List<Double> gasUsedRatio,
      List<UInt256> baseFeePerBlobGas,
      List<Double> blobGasUsedRatio) {}

  /**
   * @throws IllegalArgumentException for bad percentiles or a block beyond the head (geth's
   *     messages)
   */
  public Result history(long blockCount, BlockParam newest, double[] percentiles) {
    if (blockCount < 1) {
      return new Result(UInt256.ZERO, Optional.empty(), List.of(), List.of(), List.of(), List.of());
    }
    if (percentiles.length > MAX_PERCENTILES) {
      throw new IllegalArgumentException(
          "invalid reward percentile: over the query limit " + MAX_PERCENTILES);
    }
    for (int i = 0; i < percentiles.length; i++) {
      double p = percentiles[i];
      if (p < 0 || p > 100) {
        throw new IllegalArgumentException("invalid reward percentile: " + format(p));
      }
      if (i > 0 && p <= percentiles[i - 1]) {
        throw new IllegalArgumentException(
            "invalid reward percentile: #"
                + (i - 1)
                + ":"
                + format(percentiles[i - 1])
                + " >= #"
                + i
                + ":"
                + format(p));
      }
    }
    long blocks = Math.min(blockCount, MAX_HISTORY);
    ChainHead head = chain.head();
    long last;
    if (newest instanceof BlockParam.Number n) {
      if (n.number() > head.number()) {
        throw new IllegalArgumentException(
            "request beyond head block: requested " + n.number() + ", head " + head.number());
      }
      last = n.number();
    } else {
      last = chain.require(newest).number();
    }
    blocks = Math.min(blocks, last + 1);
    long oldest = last + 1 - blocks;
    ChainRules rules = chain.chain().rules();

    List<List<UInt256>> rewards = new ArrayList<>();
    List<UInt256> baseFees = new ArrayList<>();
    List<Double> gasRatios = new ArrayList<>();
    List<UInt256> blobFees = new ArrayList<>();
    List<Double> blobRatios = new ArrayList<>();
    for (long number = oldest; number <= last; number++) {
      ChainHead block = chain.byNumber(number).orElseThrow();
      Header h = block.header();
      baseFees.add(h.baseFeePerGas().orElse(UInt256.ZERO));
      gasRatios.add((double) h.gasUsed() / h.gasLimit());
      blobFees.add(BlobGas.baseFee(h, rules.config()));
      blobRatios.add(
          h.blobGasUsed().isPresent()
              ? (double) h.blobGasUsed().getAsLong()
                  / rules.config().blobScheduleAt(h.number(), h.timestamp()).maxBlobGas()
              : 0.0);
      if (percentiles.length > 0) {
        rewards.add(rewards(chain.block(block), chain.receipts(block), percentiles));
      }
      if (number == last) {
        baseFees.add(rules.baseFee(h, h.timestamp() + 1).orElse(UInt256.ZERO));
        // The next block's fee, under the blob parameters in force at its height and time.
        OptionalLong nextExcess = rules.excessBlobGas(h, h.timestamp() + 1);
        blobFees.add(
            nextExcess.isPresent()
                ? BlobGas.baseFee(
                    nextExcess.getAsLong(),
                    rules.config().blobScheduleAt(h.number() + 1, h.timestamp() + 1))
                : UInt256.ZERO);
      }
    }
    return new Result(
        UInt256.valueOf(oldest),
        percentiles.length > 0 ? Optional.of(rewards) : Optional.empty(),
        baseFees,
        gasRatios,
        blobFees,
        blobRatios);
  }

  private static List<UInt256> rewards(Block block, List<Receipt> receipts, double[] percentiles) {
    List<Transaction> txs = block.transactions();
    List<UInt256> out = new ArrayList<>(percentiles.length);
    if (txs.isEmpty()) {
      for (int i = 0; i < percentiles.length; i++) {
        out.add(UInt256.ZERO);
      }
      return out;
    }
    UInt256 baseFee = block.header().baseFeePerGas().orElse(UInt256.ZERO);
    record GasAndReward(long gasUsed, UInt256 reward) {}
    List<GasAndReward> sorted = new ArrayList<>(txs.size());
    long previous = 0;
    for (int i = 0; i < txs.size(); i++) {
      long cumulative = receipts.get(i).cumulativeGasUsed();
      sorted.add(
          new GasAndReward(
              cumulative - previous, txs.get(i).effectiveGasTip(baseFee).orElse(UInt256.ZERO)));
      previous = cumulative;
    }
    sorted.sort(Comparator.comparing(GasAndReward::reward)); // stable, as geth's
    int index = 0;
    long sum = sorted.get(0).gasUsed();
    for (double p : percentiles) {
      long threshold = (long) (block.header().gasUsed() * p / 100);
      while (sum < threshold && index < txs.size() - 1) {
        index++;
        sum += sorted.get(index).gasUsed();
      }
      out.add(sorted.get(index).reward());
    }
    return out;
  }

  /** Go's %f. */
  private static String format(double p) {
    return String.format(java.util.Locale.ROOT, "%f", p);
  }
}
