package io.merapi.explorer.bridge;

import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.contracts.deposit.UserDeposits;
import io.merapi.contracts.l1.L1StandardBridge;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.l2.L2ToL1MessagePasser;
import io.merapi.contracts.universal.OptimismMintableERC20Factory;
import io.merapi.explorer.Chain;
import io.merapi.explorer.index.BlockExtras;
import io.merapi.explorer.index.BridgeEntry;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcLog;
import io.merapi.types.receipt.Log;
import io.merapi.types.transaction.DepositTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The bridge entries of one block, for the follower of its chain: on L1 the portal's deposits,
 * proofs and finalizations and the tokens deposited through the L1StandardBridge; on L2 the
 * withdrawals the L2ToL1MessagePasser records and the tokens the OptimismMintableERC20Factory
 * creates. A block whose logs bloom names none of the emitters costs no call.
 */
public final class BridgeLogs implements BlockExtras {
  private final Chain chain;
  private final BridgeReader reader;

  public BridgeLogs(Chain chain, BridgeReader reader) {
    this.chain = chain;
    this.reader = reader;
  }

  @Override
  public List<BridgeEntry> of(RpcBlock block) {
    List<Address> emitters = emitters();
    LogsBloom bloom = block.header().logsBloom();
    if (emitters.stream().noneMatch(bloom::mayContain)) {
      return List.of();
    }
    List<RpcLog> logs =
        (chain == Chain.L1 ? reader.l1() : reader.l2()).logs(block.header().hash(), emitters);
    List<BridgeEntry> entries = new ArrayList<>();
    for (RpcLog log : logs) {
      if (!log.removed()) {
        entry(log).ifPresent(entries::add);
      }
    }
    return entries;
  }

  private List<Address> emitters() {
    if (chain == Chain.L2) {
      return List.of(
          BridgeContracts.L2_TO_L1_MESSAGE_PASSER, BridgeContracts.OPTIMISM_MINTABLE_ERC20_FACTORY);
    }
    BridgeContracts c = reader.contracts();
    return List.of(c.portal(), c.l1StandardBridge());
  }

  /** The entry a log makes, if it is one of the events followed. */
  Optional<BridgeEntry> entry(RpcLog rpcLog) {
    Log log = rpcLog.log();
    long block = rpcLog.blockNumber();
    if (chain == Chain.L2) {
      if (log.address().equals(BridgeContracts.L2_TO_L1_MESSAGE_PASSER)) {
        return L2ToL1MessagePasser.Events.MessagePassed.from(log)
            .map(
                m ->
                    new BridgeEntry.Withdrawal(
                        block,
                        rpcLog.logIndex(),
                        rpcLog.transactionHash(),
                        m.withdrawalHash(),
                        m.sender(),
                        m.target(),
                        m.value()));
      }
      return OptimismMintableERC20Factory.Events.OptimismMintableERC20Created.from(log)
          .map(c -> new BridgeEntry.Token(Chain.L2, block, c.localToken(), c.remoteToken()));
    }
    BridgeContracts contracts = reader.contracts();
    if (log.address().equals(contracts.l1StandardBridge())) {
      return L1StandardBridge.Events.ERC20BridgeInitiated.from(log)
          .map(e -> new BridgeEntry.Token(Chain.L1, block, e.localToken(), e.remoteToken()));
    }
    if (!log.address().equals(contracts.portal())) {
      return Optional.empty();
    }
    // The two portals declare these three events alike.
    Optional<BridgeEntry> leg =
        OptimismPortal2.Events.WithdrawalProven.from(log)
            .map(
                p ->
                    (BridgeEntry)
                        new BridgeEntry.WithdrawalLeg(
                            BridgeEntry.WithdrawalLeg.Kind.PROVEN,
                            p.withdrawalHash(),
                            block,
                            rpcLog.logIndex(),
                            rpcLog.transactionHash(),
                            true))
            .or(
                () ->
                    OptimismPortal2.Events.WithdrawalFinalized.from(log)
                        .map(
                            f ->
                                new BridgeEntry.WithdrawalLeg(
                                    BridgeEntry.WithdrawalLeg.Kind.FINALIZED,
                                    f.withdrawalHash(),
                                    block,
                                    rpcLog.logIndex(),
                                    rpcLog.transactionHash(),
                                    f.success())));
    if (leg.isPresent()) {
      return leg;
    }
    try {
      DepositTransaction deposit = UserDeposits.fromLog(log, rpcLog.blockHash(), rpcLog.logIndex());
      return Optional.of(
          new BridgeEntry.Deposit(
              block,
              rpcLog.logIndex(),
              rpcLog.transactionHash(),
              deposit.hash(),
              deposit.from(),
              deposit.to(),
              deposit.mint(),
              deposit.value()));
    } catch (UserDeposits.InvalidDepositException e) {
      return Optional.empty(); // another portal event, or a deposit derivation skips too
    }
  }
}
