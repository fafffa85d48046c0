package io.merapi.devnet.games;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.rpc.client.RpcClient;

/** What the resolver reads from L1: the factory's games, their status, and the L1 head. */
public interface GameChain {
  /** {@code GameStatus.IN_PROGRESS} (specs: IN_PROGRESS, CHALLENGER_WINS, DEFENDER_WINS). */
  int IN_PROGRESS = 0;

  long l1Head();

  long gameCount();

  DisputeGameFactory.GameAtIndexResult gameAt(long index);

  int status(Address game);

  /** The L1 block the game was created in; it can be resolved in any later block. */
  long createdAtBlock(Address game);

  /** The chain over JSON-RPC, the factory at {@code factory}. */
  static GameChain rpc(RpcClient l1, Address factory) {
    ContractReader.EthCall call = ContractReader.rpc(l1);
    ContractReader reader = new ContractReader(call, factory, "DisputeGameFactory");
    return new GameChain() {
      @Override
      public long l1Head() {
        return UInt256.fromQuantity(l1.call("eth_blockNumber").asText()).toLongExact();
      }

      @Override
      public long gameCount() {
        return reader.read(DisputeGameFactory.gameCount()).toLongExact();
      }

      @Override
      public DisputeGameFactory.GameAtIndexResult gameAt(long index) {
        return reader.read(DisputeGameFactory.gameAtIndex(UInt256.valueOf(index)));
      }

      @Override
      public int status(Address game) {
        return new ContractReader(call, game, "FastDisputeGame").read(FastDisputeGame.status());
      }

      @Override
      public long createdAtBlock(Address game) {
        return new ContractReader(call, game, "FastDisputeGame")
            .read(FastDisputeGame.createdAtBlock());
      }
    };
  }
}
