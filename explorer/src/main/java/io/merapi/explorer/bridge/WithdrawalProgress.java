package io.merapi.explorer.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.explorer.index.BridgeEntry;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Where a withdrawal stands: each stage it reached with the transaction that reached it, and when
 * the next one can come.
 *
 * @param l1Now the L1 head's timestamp the times left are counted from
 */
public record WithdrawalProgress(
    BridgeEntry.Withdrawal withdrawal,
    OptionalLong l2Time,
    Optional<Proposal> proposal,
    Optional<BridgeEntry.WithdrawalLeg> proven,
    OptionalLong provenAt,
    Optional<BridgeEntry.WithdrawalLeg> finalized,
    StageClock.Due provable,
    Optional<StageClock.Due> finalizable,
    long l1Now) {

  /**
   * The proposal that covers the withdrawal's block: a dispute game or an L2OutputOracle output.
   *
   * @param what "dispute game #3", "output #2"
   * @param contract the game's proxy or the oracle
   * @param l1Transaction the L1 transaction that made it, when found
   */
  public record Proposal(
      String what,
      Address contract,
      long l2Block,
      long l1Time,
      Optional<Hash> l1Transaction,
      OptionalLong l1Block,
      Optional<String> state) {}

  public WithdrawalStage stage() {
    if (finalized.isPresent()) {
      return WithdrawalStage.FINALIZED;
    }
    if (proven.isPresent()) {
      return WithdrawalStage.PROVEN;
    }
    return proposal.isPresent() ? WithdrawalStage.PROPOSED : WithdrawalStage.INITIATED;
  }
}
