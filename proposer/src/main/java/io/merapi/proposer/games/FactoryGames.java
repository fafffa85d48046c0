package io.merapi.proposer.games;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.proposer.contract.ContractReader;
import java.util.function.LongSupplier;

/** {@link Games} read from a {@code DisputeGameFactory} and its games on L1. */
public final class FactoryGames implements Games {
  private final ContractReader factory;
  private final ContractReader.EthCall l1;
  private final LongSupplier l1Head;

  public FactoryGames(ContractReader.EthCall l1, Address factory, LongSupplier l1Head) {
    this.l1 = l1;
    this.factory = new ContractReader(l1, factory, "DisputeGameFactory");
    this.l1Head = l1Head;
  }

  public Address factory() {
    return factory.address();
  }

  @Override
  public long count() {
    return factory.read(DisputeGameFactory.gameCount()).toLongExact();
  }

  @Override
  public Game at(long index) {
    DisputeGameFactory.GameAtIndexResult g =
        factory.read(DisputeGameFactory.gameAtIndex(UInt256.valueOf(index)));
    return new Game(index, g.gameType(), g.proxy());
  }

  @Override
  public int status(Address game) {
    return game(game).read(FastDisputeGame.status());
  }

  @Override
  public long createdAtBlock(Address game) {
    return game(game).read(FastDisputeGame.createdAtBlock());
  }

  @Override
  public long l1Head() {
    return l1Head.getAsLong();
  }

  private ContractReader game(Address game) {
    return new ContractReader(l1, game, "FastDisputeGame");
  }
}
