package io.merapi.proposer.contract;

import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.derive.L1BlockRef;
import io.merapi.service.txmgr.TxCandidate;
import java.util.OptionalLong;

/**
 * The {@code L2OutputOracle} (specs proposals.md "L2 Output Oracle Smart Contract"): the next root
 * must be for exactly {@code nextBlockNumber()}, so the proposer waits until the node vouches for
 * that block and then calls {@code proposeL2Output}. The L1 block hash and number it passes bind
 * the proposal to the L1 chain the node derived from: after an L1 reorg the transaction reverts
 * instead of committing a root of an L2 chain that no longer exists.
 */
public final class OutputOracleTarget implements ProposalTarget {
  private final ContractReader oracle;

  public OutputOracleTarget(ContractReader oracle) {
    this.oracle = oracle;
  }

  @Override
  public String describe() {
    return "L2OutputOracle "
        + oracle.address()
        + " version "
        + oracle.read(L2OutputOracle.version());
  }

  @Override
  public OptionalLong due(long proposable) {
    long next = oracle.read(L2OutputOracle.nextBlockNumber()).toLongExact();
    return Long.compareUnsigned(proposable, next) >= 0
        ? OptionalLong.of(next)
        : OptionalLong.empty();
  }

  @Override
  public TxCandidate proposal(Hash outputRoot, long l2BlockNumber, L1BlockRef currentL1) {
    return TxCandidate.calldata(
        oracle.address(),
        L2OutputOracle.proposeL2Output(
                outputRoot,
                UInt256.valueOf(l2BlockNumber),
                currentL1.hash(),
                UInt256.valueOf(currentL1.number()))
            .data());
  }
}
