package io.merapi.proposer.games;

import io.merapi.base.bytes.Address;

/**
 * What the resolver reads from L1: the factory's games by index, a game's status and creation
 * block, and the L1 head. {@link FactoryGames} reads them with the contracts' bindings.
 */
public interface Games {
  /** {@code GameStatus.IN_PROGRESS}. */
  int IN_PROGRESS = 0;

  /** {@code GameStatus.DEFENDER_WINS}. */
  int DEFENDER_WINS = 2;

  /** One entry of the factory: its index, game type and proxy. */
  record Game(long index, long gameType, Address proxy) {}

  /** The factory's {@code gameCount()}. */
  long count();

  /** The factory's {@code gameAtIndex(index)}. */
  Game at(long index);

  /** The game's {@code status()}. */
  int status(Address game);

  /** The game's {@code createdAtBlock()} (FastDisputeGame). */
  long createdAtBlock(Address game);

  /** The number of the L1's latest block. */
  long l1Head();
}
