package io.merapi.explorer.bridge;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.contracts.l1.L2OutputOracle;
import io.merapi.contracts.l1.OptimismPortal;
import io.merapi.contracts.l1.OptimismPortal2;
import io.merapi.contracts.structs.OutputProposal;
import io.merapi.explorer.Chain;
import io.merapi.explorer.MonotoneSearch;
import io.merapi.explorer.index.BridgeEntry;
import io.merapi.explorer.index.ChainIndex;
import io.merapi.explorer.index.IndexedBlock;
import io.merapi.proposer.contract.ContractReadException;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.types.json.RpcLog;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A withdrawal's progress (explorer/DESIGN.md §7): initiated from the L2 index, proposed from the
 * L1 contracts (the first game of the respected type whose L2 block is at or past the withdrawal's,
 * found by binary search over the factory; or the oracle's output after it), proven and finalized
 * from the portal's events in the L1 index, and the time left from {@link StageClock}.
 */
public final class Withdrawals {
  private static final String[] GAME_STATUS = {"in progress", "challenger wins", "defender wins"};

  private final BridgeReader reader;
  private final ChainIndex index;

  public Withdrawals(BridgeReader reader, ChainIndex index) {
    this.reader = reader;
    this.index = index;
  }

  /** The newest L2 block some proposal covers, or -1 if none; one or two L1 calls. */
  public long proposedUpTo() {
    return switch (reader.contracts().proofs()) {
      case BridgeContracts.Games g -> {
        ContractReader factory = reader.onL1(g.factory(), "DisputeGameFactory");
        long count = factory.read(DisputeGameFactory.gameCount()).toLongExact();
        yield count == 0 ? -1 : gameL2Block(factory, count - 1);
      }
      case BridgeContracts.Oracle o -> {
        ContractReader oracle = reader.onL1(o.oracle(), "L2OutputOracle");
        yield oracle.read(L2OutputOracle.nextOutputIndex()).isZero()
            ? -1
            : oracle.read(L2OutputOracle.latestBlockNumber()).toLongExact();
      }
    };
  }

  /** Where {@code withdrawal} stands now. */
  public WithdrawalProgress progress(BridgeEntry.Withdrawal withdrawal) {
    BridgeContracts contracts = reader.contracts();
    List<BridgeEntry.WithdrawalLeg> legs = index.bridge().legs(withdrawal.withdrawalHash());
    Optional<BridgeEntry.WithdrawalLeg> proven = first(legs, BridgeEntry.WithdrawalLeg.Kind.PROVEN);
    Optional<BridgeEntry.WithdrawalLeg> finalized =
        first(legs, BridgeEntry.WithdrawalLeg.Kind.FINALIZED);
    OptionalLong provenAt = proven.map(l -> l1Time(l.block())).orElse(OptionalLong.empty());
    long l1Now = l1Now();
    OptionalLong l2Time =
        index
            .block(Chain.L2, withdrawal.block())
            .map(b -> OptionalLong.of(b.timestamp()))
            .orElse(OptionalLong.empty());
    return switch (contracts.proofs()) {
      case BridgeContracts.Games g ->
          withGames(contracts, g, withdrawal, l2Time, proven, provenAt, finalized, l1Now);
      case BridgeContracts.Oracle o ->
          withOracle(o, withdrawal, l2Time, proven, provenAt, finalized, l1Now);
    };
  }

  private WithdrawalProgress withGames(
      BridgeContracts contracts,
      BridgeContracts.Games g,
      BridgeEntry.Withdrawal w,
      OptionalLong l2Time,
      Optional<BridgeEntry.WithdrawalLeg> proven,
      OptionalLong provenAt,
      Optional<BridgeEntry.WithdrawalLeg> finalized,
      long l1Now) {
    ContractReader factory = reader.onL1(g.factory(), "DisputeGameFactory");
    Optional<Address> game = Optional.empty();
    OptionalLong gameIndex = OptionalLong.empty();
    if (proven.isPresent()) {
      // The game the proof names is the one finalization checks.
      Address submitter =
          reader
              .l1()
              .transaction(proven.get().l1Transaction())
              .map(t -> t.transaction().sender())
              .orElse(Address.ZERO);
      Address proofGame =
          reader
              .onL1(contracts.portal(), "OptimismPortal2")
              .read(OptimismPortal2.provenWithdrawals(w.withdrawalHash(), submitter))
              .disputeGameProxy();
      if (!proofGame.equals(Address.ZERO)) {
        game = Optional.of(proofGame);
      }
    }
    if (game.isEmpty()) {
      long found = firstGameCovering(factory, g.respectedGameType(), w.block());
      if (found >= 0) {
        gameIndex = OptionalLong.of(found);
        game =
            Optional.of(
                factory.read(DisputeGameFactory.gameAtIndex(UInt256.valueOf(found))).proxy());
      }
    }
    Optional<WithdrawalProgress.Proposal> proposal = Optional.empty();
    OptionalLong resolvedAt = OptionalLong.empty();
    if (game.isPresent()) {
      ContractReader proxy = reader.onL1(game.get(), "FastDisputeGame");
      long createdAt = proxy.read(FastDisputeGame.createdAt());
      long createdAtBlock = proxy.read(FastDisputeGame.createdAtBlock());
      long resolved = proxy.read(FastDisputeGame.resolvedAt());
      int status = proxy.read(FastDisputeGame.status());
      if (resolved > 0) {
        resolvedAt = OptionalLong.of(resolved);
      }
      Optional<Hash> tx =
          reader
              .l1()
              .logs(
                  g.factory(),
                  createdAtBlock,
                  createdAtBlock,
                  java.util.Arrays.asList(
                      DisputeGameFactory.Events.DisputeGameCreated.EVENT.topic0(),
                      Hash.wrap(leftPad(game.get().array()))))
              .stream()
              .map(RpcLog::transactionHash)
              .findFirst();
      String what =
          gameIndex.isPresent() ? "dispute game #" + gameIndex.getAsLong() : "dispute game";
      proposal =
          Optional.of(
              new WithdrawalProgress.Proposal(
                  what,
                  game.get(),
                  proxy.read(FastDisputeGame.l2BlockNumber()).toLongExact(),
                  createdAt,
                  tx,
                  OptionalLong.of(createdAtBlock),
                  Optional.of(
                      status >= 0 && status < GAME_STATUS.length
                          ? GAME_STATUS[status]
                          : "status " + status)));
    }
    StageClock.Due provable =
        StageClock.provable(
            proposal.map(p -> OptionalLong.of(p.l1Time())).orElse(OptionalLong.empty()),
            OptionalLong.empty());
    Optional<StageClock.Due> finalizable =
        provenAt.isPresent()
            ? Optional.of(
                StageClock.finalizable(
                    g.rules(), provenAt.getAsLong(), resolvedAt, OptionalLong.empty()))
            : Optional.empty();
    return new WithdrawalProgress(
        w, l2Time, proposal, proven, provenAt, finalized, provable, finalizable, l1Now);
  }

  private WithdrawalProgress withOracle(
      BridgeContracts.Oracle o,
      BridgeEntry.Withdrawal w,
      OptionalLong l2Time,
      Optional<BridgeEntry.WithdrawalLeg> proven,
      OptionalLong provenAt,
      Optional<BridgeEntry.WithdrawalLeg> finalized,
      long l1Now) {
    ContractReader oracle = reader.onL1(o.oracle(), "L2OutputOracle");
    Optional<WithdrawalProgress.Proposal> proposal = Optional.empty();
    OptionalLong nextOutputTime = OptionalLong.empty();
    long outputIndex = -1;
    try {
      outputIndex =
          oracle
              .read(L2OutputOracle.getL2OutputIndexAfter(UInt256.valueOf(w.block())))
              .toLongExact();
    } catch (ContractReadException e) {
      // No output covers it yet: the oracle reverts.
    }
    if (outputIndex >= 0) {
      OutputProposal output = oracle.read(L2OutputOracle.getL2Output(UInt256.valueOf(outputIndex)));
      // The oracle keeps the time of the L1 block that proposed the output: read the logs from
      // that block on, not the whole chain's.
      long head = reader.l1().blockNumber();
      long proposedIn =
          MonotoneSearch.first(
                  0,
                  head,
                  n -> l1Time(n).orElse(Long.MAX_VALUE) >= output.timestamp().toLongExact())
              .orElse(0);
      List<RpcLog> logs =
          reader
              .l1()
              .logs(
                  o.oracle(),
                  proposedIn,
                  head,
                  java.util.Arrays.asList(
                      L2OutputOracle.Events.OutputProposed.EVENT.topic0(),
                      null,
                      UInt256.valueOf(outputIndex).toHash()));
      proposal =
          Optional.of(
              new WithdrawalProgress.Proposal(
                  "output #" + outputIndex,
                  o.oracle(),
                  output.l2BlockNumber().toLongExact(),
                  output.timestamp().toLongExact(),
                  logs.stream().map(RpcLog::transactionHash).findFirst(),
                  logs.isEmpty()
                      ? OptionalLong.empty()
                      : OptionalLong.of(logs.getFirst().blockNumber()),
                  Optional.empty()));
    } else {
      long interval = oracle.read(L2OutputOracle.submissionInterval()).toLongExact();
      long next = oracle.read(L2OutputOracle.nextBlockNumber()).toLongExact();
      if (w.block() > next && interval > 0) {
        next += (w.block() - next + interval - 1) / interval * interval;
      }
      nextOutputTime =
          OptionalLong.of(
              oracle.read(L2OutputOracle.computeL2Timestamp(UInt256.valueOf(next))).toLongExact());
    }
    StageClock.Due provable =
        StageClock.provable(
            proposal.map(p -> OptionalLong.of(p.l1Time())).orElse(OptionalLong.empty()),
            nextOutputTime);
    Optional<StageClock.Due> finalizable = Optional.empty();
    if (provenAt.isPresent()) {
      OptionalLong outputTime = OptionalLong.empty();
      try {
        OptimismPortal.ProvenWithdrawalsResult proof =
            reader
                .onL1(reader.contracts().portal(), "OptimismPortal")
                .read(OptimismPortal.provenWithdrawals(w.withdrawalHash()));
        outputTime =
            OptionalLong.of(
                oracle
                    .read(L2OutputOracle.getL2Output(proof.l2OutputIndex()))
                    .timestamp()
                    .toLongExact());
      } catch (ContractReadException e) {
        // Finalized withdrawals may have been cleared: the proof's own time bounds it.
      }
      finalizable =
          Optional.of(
              StageClock.finalizable(
                  o.rules(), provenAt.getAsLong(), OptionalLong.empty(), outputTime));
    }
    return new WithdrawalProgress(
        w, l2Time, proposal, proven, provenAt, finalized, provable, finalizable, l1Now);
  }

  /**
   * The least game index whose L2 block is at or past {@code l2Block} and whose type is the
   * respected one, or -1: games are proposed in increasing L2 block order, so a binary search finds
   * the first covering one (~log2 of the count in calls).
   */
  private long firstGameCovering(ContractReader factory, long respectedType, long l2Block) {
    long count = factory.read(DisputeGameFactory.gameCount()).toLongExact();
    long lo =
        MonotoneSearch.first(0, count - 1, i -> gameL2Block(factory, i) >= l2Block).orElse(count);
    // Step past games of another type (a respected type changed), a few at most.
    for (long i = lo; i < count && i < lo + 16; i++) {
      if (factory.read(DisputeGameFactory.gameAtIndex(UInt256.valueOf(i))).gameType()
          == respectedType) {
        return i;
      }
    }
    return -1;
  }

  private long gameL2Block(ContractReader factory, long gameIndex) {
    Address proxy =
        factory.read(DisputeGameFactory.gameAtIndex(UInt256.valueOf(gameIndex))).proxy();
    return reader
        .onL1(proxy, "FastDisputeGame")
        .read(FastDisputeGame.l2BlockNumber())
        .toLongExact();
  }

  private OptionalLong l1Time(long l1Block) {
    Optional<IndexedBlock> block = index.block(Chain.L1, l1Block);
    if (block.isPresent()) {
      return OptionalLong.of(block.get().timestamp());
    }
    return reader
        .l1()
        .blockHeader(l1Block)
        .map(b -> OptionalLong.of(b.header().timestamp()))
        .orElse(OptionalLong.empty());
  }

  /** The L1 head's time: the index's head when it has one, else the node's. */
  private long l1Now() {
    Optional<IndexedBlock> head = index.head(Chain.L1);
    if (head.isPresent()) {
      return head.get().timestamp();
    }
    long number = reader.l1().blockNumber();
    return reader.l1().blockHeader(number).map(b -> b.header().timestamp()).orElse(0L);
  }

  private static Optional<BridgeEntry.WithdrawalLeg> first(
      List<BridgeEntry.WithdrawalLeg> legs, BridgeEntry.WithdrawalLeg.Kind kind) {
    return legs.stream().filter(l -> l.kind() == kind).findFirst();
  }

  private static byte[] leftPad(byte[] address) {
    byte[] word = new byte[32];
    System.arraycopy(address, 0, word, 32 - address.length, address.length);
    return word;
  }
}
