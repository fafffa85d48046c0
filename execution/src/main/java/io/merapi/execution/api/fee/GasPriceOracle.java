package io.merapi.execution.api.fee;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.chain.ChainHead;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.InvalidTransactionException;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The suggested priority fee ({@code eth_maxPriorityFeePerGas}; with the head's base fee, {@code
 * eth_gasPrice}), as geth's gas price oracle computes it with its full-node defaults: from each of
 * the last {@value #BLOCKS} blocks the {@value #SAMPLES} lowest effective tips of transactions not
 * sent by the block's fee recipient (ignoring tips under 2 wei), an empty block counting as the
 * last answer; the {@value #PERCENTILE}th percentile of those, at most 500 gwei. The answer is kept
 * until the head changes. On an OP chain, op-geth's simpler rule instead ({@link
 * #suggestOptimismTip}).
 */
public final class GasPriceOracle {
  static final int BLOCKS = 20;
  static final int SAMPLES = 3;
  static final int PERCENTILE = 60;
  static final UInt256 MAX_PRICE = UInt256.valueOf(500_000_000_000L);
  static final UInt256 IGNORE_UNDER = UInt256.valueOf(2);

  /** op-geth's {@code DefaultMinSuggestedPriorityFee}: 0.001 gwei. */
  static final UInt256 OP_MIN_SUGGESTED_PRIORITY_FEE = UInt256.valueOf(1_000_000);

  private final ChainAccess chain;
  private Hash lastHead = Hash.ZERO;
  private UInt256 lastPrice;

  /** {@code startPrice} answers until blocks with transactions say otherwise (geth: 1 mwei). */
  public GasPriceOracle(ChainAccess chain, UInt256 startPrice) {
    this.chain = chain;
    this.lastPrice = startPrice;
  }

  public synchronized UInt256 suggestTip() {
    ChainHead head = chain.head();
    if (head.hash().equals(lastHead)) {
      return lastPrice;
    }
    if (chain.chain().config().isOptimism()) {
      UInt256 suggestion = suggestOptimismTip(head);
      lastHead = head.hash();
      lastPrice = suggestion;
      return suggestion;
    }
    List<UInt256> results = new ArrayList<>();
    long number = head.number();
    int wanted = BLOCKS;
    for (int sampled = 0; sampled < wanted && number > 0; sampled++, number--) {
      List<UInt256> values = blockValues(number);
      if (values.isEmpty()) {
        values = List.of(lastPrice);
      }
      // Like geth: a block that gave one value or none makes room for one more block.
      if (values.size() == 1 && wanted < 2 * BLOCKS) {
        wanted++;
      }
      results.addAll(values);
    }
    UInt256 price = lastPrice;
    if (!results.isEmpty()) {
      results.sort(Comparator.naturalOrder());
      price = results.get((results.size() - 1) * PERCENTILE / 100);
    }
    price = price.min(MAX_PRICE);
    lastHead = head.hash();
    lastPrice = price;
    return price;
  }

  /**
   * op-geth's suggestion on an OP chain ({@code SuggestOptimismPriorityFee}): with one known block
   * builder the tip only matters when blocks are full, so the answer is the minimum suggested
   * priority fee (1,000,000 wei, op-geth's default) unless the head looks full (its gas used plus
   * its largest transaction's gas exceeds the gas limit); then 10% over the median effective tip of
   * the head's transactions, if higher. At most 500 gwei.
   */
  private UInt256 suggestOptimismTip(ChainHead head) {
    UInt256 suggestion = OP_MIN_SUGGESTED_PRIORITY_FEE;
    Header header = head.header();
    List<Receipt> receipts = chain.receipts(head);
    long maxTxGasUsed = 0;
    for (int i = 0; i < receipts.size(); i++) {
      long previous = i == 0 ? 0 : receipts.get(i - 1).cumulativeGasUsed();
      maxTxGasUsed = Math.max(maxTxGasUsed, receipts.get(i).cumulativeGasUsed() - previous);
    }
    if (Long.compareUnsigned(maxTxGasUsed, header.gasLimit()) <= 0
        && Long.compareUnsigned(header.gasUsed() + maxTxGasUsed, header.gasLimit()) > 0) {
      Block block = chain.block(head);
      if (!block.transactions().isEmpty()) {
        UInt256 baseFee = header.baseFeePerGas().orElse(UInt256.ZERO);
        List<UInt256> tips = new ArrayList<>();
        for (Transaction tx : block.transactions()) {
          tips.add(tip(tx, baseFee));
        }
        tips.sort(Comparator.naturalOrder());
        UInt256 median = tips.get(tips.size() / 2);
        UInt256 raised = median.add(median.divide(UInt256.valueOf(10)));
        suggestion = raised.max(suggestion);
      }
    }
    return suggestion.min(MAX_PRICE);
  }

  /** {@code eth_gasPrice}: the suggested tip plus the head's base fee. */
  public UInt256 gasPrice() {
    UInt256 tip = suggestTip();
    return chain.head().header().baseFeePerGas().map(tip::add).orElse(tip);
  }

  private List<UInt256> blockValues(long number) {
    Optional<ChainHead> head = chain.byNumber(number);
    if (head.isEmpty()) {
      return List.of();
    }
    Block block = chain.block(head.get());
    UInt256 baseFee = block.header().baseFeePerGas().orElse(UInt256.ZERO);
    Address coinbase = block.header().coinbase();
    List<Transaction> txs = new ArrayList<>();
    for (Transaction tx : block.transactions()) {
      if (tx.type() != TransactionType.DEPOSIT) {
        txs.add(tx);
      }
    }
    txs.sort(Comparator.comparing((Transaction tx) -> tip(tx, baseFee)));
    List<UInt256> prices = new ArrayList<>(SAMPLES);
    for (Transaction tx : txs) {
      UInt256 tip = tip(tx, baseFee);
      if (tip.compareTo(IGNORE_UNDER) < 0) {
        continue;
      }
      try {
        if (tx.sender().equals(coinbase)) {
          continue;
        }
      } catch (InvalidTransactionException e) {
        continue;
      }
      prices.add(tip);
      if (prices.size() >= SAMPLES) {
        break;
      }
    }
    return prices;
  }

  private static UInt256 tip(Transaction tx, UInt256 baseFee) {
    return tx.effectiveGasTip(baseFee).orElse(UInt256.ZERO);
  }
}
