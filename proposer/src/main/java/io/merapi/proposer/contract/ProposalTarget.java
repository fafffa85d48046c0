package io.merapi.proposer.contract;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.service.txmgr.TxCandidate;
import java.util.OptionalLong;

/**
 * Where output roots go on L1, and when the next one is due: the {@link OutputOracleTarget
 * L2OutputOracle} (a root every {@code submissionInterval} blocks, at the block it names) or the
 * {@link GameFactoryTarget DisputeGameFactory} (a game every proposal interval, for the newest
 * block the node vouches for). The two modes of op-proposer.
 */
public sealed interface ProposalTarget permits OutputOracleTarget, GameFactoryTarget {
  /** The contract and its version, for the start-up line. */
  String describe();

  /**
   * The L2 block to propose next, given the newest block the proposer may propose ({@code
   * proposable}: the node's finalized head, or its safe head with {@code --allow-non-finalized}),
   * or empty when nothing is due yet.
   *
   * @throws ContractReadException when the contract cannot be read
   */
  OptionalLong due(long proposable);

  /**
   * The transaction that proposes {@code outputRoot} for {@code l2BlockNumber}; {@code currentL1}
   * is the L1 block the node had derived up to when it gave the root.
   */
  TxCandidate proposal(Hash outputRoot, long l2BlockNumber, L1BlockRef currentL1);
}
