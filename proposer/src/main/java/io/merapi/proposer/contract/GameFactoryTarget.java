package io.merapi.proposer.contract;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.structs.GameSearchResult;
import io.merapi.derive.L1BlockRef;
import io.merapi.service.txmgr.TxCandidate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code DisputeGameFactory} (specs fault-proof/stage-one/dispute-game-interface.md): a new
 * game of {@code --game-type} every {@code --proposal-interval}, its root claim the output root of
 * the newest block the node vouches for and its extra data that block's number, paying the
 * factory's {@code initBonds(gameType)}.
 *
 * <p>Where to continue comes from the chain, not from memory, so a restarted proposer neither
 * proposes too early nor twice: the newest game of the type ({@code findLatestGames}) gives the
 * time of the last proposal and its L2 block. op-proposer looks for its own account's games only;
 * this looks at every game of the type, because a second game for a block another proposer already
 * claimed adds nothing (and the factory refuses an identical one).
 */
public final class GameFactoryTarget implements ProposalTarget {
  private final ContractReader factory;
  private final long gameType;
  private final Duration proposalInterval;
  private final Clock clock;

  public GameFactoryTarget(
      ContractReader factory, long gameType, Duration proposalInterval, Clock clock) {
    this.factory = factory;
    this.gameType = gameType;
    this.proposalInterval = proposalInterval;
    this.clock = clock;
  }

  /** The newest game of a type: its creation time (L1 seconds) and the L2 block it is about. */
  public record LatestGame(long index, long timestamp, long l2BlockNumber, Hash rootClaim) {}

  @Override
  public String describe() {
    return "DisputeGameFactory "
        + factory.address()
        + " version "
        + factory.read(DisputeGameFactory.version())
        + ", game type "
        + gameType
        + " every "
        + proposalInterval;
  }

  @Override
  public OptionalLong due(long proposable) {
    if (proposable == 0) {
      return OptionalLong.empty(); // the genesis block is the anchor, not a claim
    }
    Optional<LatestGame> latest = latestGame();
    if (latest.isPresent()) {
      long nextAt = latest.get().timestamp() + proposalInterval.toSeconds();
      if (clock.instant().getEpochSecond() < nextAt
          || Long.compareUnsigned(proposable, latest.get().l2BlockNumber()) <= 0) {
        return OptionalLong.empty();
      }
    }
    return OptionalLong.of(proposable);
  }

  /** The newest game of this type, if any. */
  public Optional<LatestGame> latestGame() {
    UInt256 count = factory.read(DisputeGameFactory.gameCount());
    if (count.isZero()) {
      return Optional.empty();
    }
    List<GameSearchResult> found =
        factory.read(
            DisputeGameFactory.findLatestGames(gameType, count.subtract(UInt256.ONE), UInt256.ONE));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    GameSearchResult game = found.get(0);
    Bytes extra = game.extraData();
    if (extra.length() != 32) {
      throw new ContractReadException(
          "game "
              + game.index()
              + " of type "
              + gameType
              + " has "
              + extra.length()
              + " bytes of extra data, not one L2 block number");
    }
    UInt256 block = UInt256.fromBytes(extra.toArray());
    return Optional.of(
        new LatestGame(
            game.index().toLongExact(), game.timestamp(), block.toLongExact(), game.rootClaim()));
  }

  @Override
  public TxCandidate proposal(Hash outputRoot, long l2BlockNumber, L1BlockRef currentL1) {
    UInt256 bond = factory.read(DisputeGameFactory.initBonds(gameType));
    Bytes extraData = Bytes.wrap(Hash.leftPad(UInt256.valueOf(l2BlockNumber).toBytes()).toArray());
    return new TxCandidate(
        DisputeGameFactory.create(gameType, outputRoot, extraData).data(),
        List.of(),
        factory.address(),
        0,
        bond.toBigInteger());
  }
}
