package io.merapi.explorer.rollup;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.contracts.deposit.UserDeposits;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.L2BlockInfo;
import io.merapi.explorer.source.ChainSource;
import io.merapi.explorer.source.RollupSource;
import io.merapi.types.block.Header;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcLog;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositTransaction;
import io.merapi.types.transaction.Transaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Deposits linked both ways from the public RPCs alone (specs: protocol/deposits.md). L1 to L2: a
 * portal's {@code TransactionDeposited} log in an L1 receipt gives the L2 deposit transaction, and
 * so its hash (contracts' {@link UserDeposits}, as derivation builds it). L2 to L1: a user deposit
 * is in the first L2 block of the epoch of its L1 block, so the block's L1 origin (its L1 info
 * deposit) names the L1 block, whose portal logs are searched for the one that gives this deposit.
 */
public final class DepositLinks {
  /** A deposit an L1 transaction made, with the hash of its L2 transaction. */
  public record Deposit(long logIndex, DepositTransaction l2Transaction) {}

  /** The L1 side of an L2 deposit transaction. */
  public record L1Leg(Hash l1Transaction, long l1Block, long logIndex) {}

  private final RollupSource rollup;
  private final ChainSource l1;
  private final ChainSource l2;

  public DepositLinks(RollupSource rollup, ChainSource l1, ChainSource l2) {
    this.rollup = rollup;
    this.l1 = l1;
    this.l2 = l2;
  }

  /** The deposits in an L1 receipt, in log order; logs that do not decode are left out. */
  public List<Deposit> depositsIn(RpcReceipt receipt) {
    Address portal = rollup.rollupConfig().depositContractAddress();
    List<Deposit> deposits = new ArrayList<>();
    long logIndex = receipt.firstLogIndex();
    for (Log log : receipt.receipt().logs()) {
      if (log.address().equals(portal)) {
        try {
          deposits.add(
              new Deposit(logIndex, UserDeposits.fromLog(log, receipt.blockHash(), logIndex)));
        } catch (UserDeposits.InvalidDepositException e) {
          // Another event of the portal, or a deposit derivation skips too.
        }
      }
      logIndex++;
    }
    return deposits;
  }

  /**
   * The L1 transaction that made {@code deposit}, found in L2 block {@code l2Block}'s L1 origin;
   * empty for system deposits and when the origin's logs no longer hold it (an L1 reorg).
   */
  public Optional<L1Leg> l1Leg(DepositTransaction deposit, long l2Block) {
    if (deposit.isSystemTx()) {
      return Optional.empty();
    }
    Optional<RpcBlock> block = l2.block(l2Block);
    if (block.isEmpty()) {
      return Optional.empty();
    }
    RollupConfig config = rollup.rollupConfig();
    L2BlockRef ref = L2BlockInfo.blockRef(config, block.get().toBlock());
    Hash origin = ref.l1Origin().hash();
    for (RpcLog log : l1.logs(origin, config.depositContractAddress())) {
      try {
        DepositTransaction candidate = UserDeposits.fromLog(log.log(), origin, log.logIndex());
        if (candidate.hash().equals(deposit.hash())) {
          return Optional.of(new L1Leg(log.transactionHash(), log.blockNumber(), log.logIndex()));
        }
      } catch (UserDeposits.InvalidDepositException e) {
        // Not a deposit event: keep looking.
      }
    }
    return Optional.empty();
  }

  /** The L1 origin of L2 block {@code block} (from its L1 info deposit). */
  public L2BlockRef blockRef(RpcBlock block) {
    return L2BlockInfo.blockRef(rollup.rollupConfig(), block.toBlock());
  }

  /**
   * The L1 origin of the L2 block with {@code header} whose first transaction is {@code first}: the
   * L1 info deposit is all it takes, so a page need not fetch the whole block.
   */
  public L2BlockRef blockRef(Header header, Optional<Transaction> first) {
    return L2BlockInfo.blockRef(
        rollup.rollupConfig(), header, header.hash(), first.stream().toList());
  }
}
