package io.merapi.execution.txpool;

import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.BlockBuilder;
import io.merapi.state.block.PendingBlock;
import io.merapi.types.transaction.BlobSidecar;
import io.merapi.types.transaction.BlobTransaction;
import io.merapi.types.transaction.IntrinsicGas;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Fills a block from the pool the way geth's miner does ({@code commitTransactions}): best
 * effective tip first, each sender's transactions in nonce order; a transaction that no longer fits
 * the remaining gas or blob gas, or that the block refuses, ends its sender's run for this block,
 * and one whose nonce the block already used is skipped. Blob transactions go into the block
 * without their sidecars, which are kept for the payload's blobs bundle.
 */
public final class BlockFiller {
  private final BlockBuilder builder;
  private final UInt256 baseFee;
  private final List<BlobSidecar> sidecars = new ArrayList<>();
  private UInt256 fees = UInt256.ZERO;
  private int included;

  public BlockFiller(BlockBuilder builder) {
    this.builder = builder;
    this.baseFee = builder.template().baseFeePerGas().orElse(UInt256.ZERO);
  }

  /** What the fee recipient earns from the transactions so far (tips, not burnt base fees). */
  public UInt256 fees() {
    return fees;
  }

  public int included() {
    return included;
  }

  /** The sidecars of the included blob transactions, in block order. */
  public List<BlobSidecar> sidecars() {
    return List.copyOf(sidecars);
  }

  /**
   * Offers one transaction (a forced one, or one taken from the pool).
   *
   * @return the block's verdict
   */
  public PendingBlock.Inclusion add(Transaction tx) {
    Optional<BlobSidecar> sidecar = Optional.empty();
    Transaction canonical = tx;
    if (tx instanceof BlobTransaction blob && blob.sidecar().isPresent()) {
      sidecar = blob.sidecar();
      canonical = blob.withSidecar(Optional.empty());
    }
    PendingBlock.Inclusion inclusion = builder.add(canonical);
    if (inclusion instanceof PendingBlock.Inclusion.Included in) {
      included++;
      UInt256 tip = tx.effectiveGasTip(baseFee).orElse(UInt256.ZERO);
      fees = fees.add(tip.multiply(in.result().gasUsed()));
      sidecar.ifPresent(sidecars::add);
    }
    return inclusion;
  }

  /**
   * Takes transactions from {@code txs} until the block is full, they run out, or {@code
   * interrupted} says stop (checked before each transaction).
   *
   * @return false if interrupted
   */
  public boolean fill(TransactionsByPriceAndNonce txs, BooleanSupplier interrupted) {
    PendingBlock block = builder.pending();
    long maxBlobGas = block.rules().maxBlobGas();
    while (!txs.isEmpty()) {
      if (interrupted.getAsBoolean()) {
        return false;
      }
      if (builder.gasRemaining() < IntrinsicGas.TX_BASE_COST) {
        break;
      }
      PooledTransaction next = txs.peek().orElseThrow();
      Transaction tx = next.tx();
      if (Long.compareUnsigned(tx.gasLimit(), builder.gasRemaining()) > 0
          || tx.blobGas() > maxBlobGas - block.blobGasUsed()) {
        txs.pop();
        continue;
      }
      long nonce = block.state().nonce(next.sender());
      if (Long.compareUnsigned(tx.nonce(), nonce) < 0) {
        txs.shift();
        continue;
      }
      if (tx.nonce() != nonce) {
        txs.pop();
        continue;
      }
      if (add(tx) instanceof PendingBlock.Inclusion.Included) {
        txs.shift();
      } else {
        txs.pop();
      }
    }
    return true;
  }
}
