package io.merapi.proposer.games;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.node.RollupRig;
import io.merapi.proposer.ProposerConfig;
import io.merapi.proposer.ProposerScenario;
import io.merapi.proposer.contract.ContractReader;
import io.merapi.service.txmgr.TxManagerConfig;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The proposer creates fast games on the rig's dev L1 and the resolver resolves them: each of the
 * first games reads DEFENDER_WINS on L1, resolved after the block it was created in, which is what
 * the OptimismPortal2 needs to finalize a withdrawal proven against it.
 */
class GameResolverIT {
  /** The deploy config's challenger, the dev chain's fifth account. */
  static final int CHALLENGER_KEY = 4;

  @TempDir Path dir;

  @Test
  void theProposersGamesAreResolvedForTheDefender() throws Exception {
    try (ProposerScenario scenario = new ProposerScenario(dir, RollupRig.Options.defaults())) {
      Address factoryAddress = scenario.address("DisputeGameFactoryProxy");
      ContractReader factory = scenario.reader(factoryAddress, "DisputeGameFactory");
      scenario.startProposer(
          new ProposerConfig.GameFactory(
              factoryAddress, Duration.ofSeconds(2), FastGameResolver.FAST_GAME_TYPE),
          true);
      ResolverConfig config =
          new ResolverConfig(
              scenario.rig.l1Uri(),
              factoryAddress,
              Duration.ofMillis(250),
              DevAccounts.defaults().keys().get(CHALLENGER_KEY),
              TxManagerConfig.defaults()
                  .withNumConfirmations(1)
                  .withTimings(Duration.ofSeconds(5), Duration.ofMillis(200)));
      GameResolverService resolver = GameResolverService.start(config);
      try {
        RollupRig.awaitTrue(
            () -> resolvedGames(scenario, factory) >= 2,
            "two resolved games",
            Duration.ofSeconds(40));
      } finally {
        resolver.close();
      }
      for (long i = 0; i < 2; i++) {
        Address proxy = factory.read(DisputeGameFactory.gameAtIndex(UInt256.valueOf(i))).proxy();
        ContractReader game = scenario.reader(proxy, "FastDisputeGame");
        assertThat(game.read(FastDisputeGame.status())).isEqualTo(Games.DEFENDER_WINS);
        assertThat(game.read(FastDisputeGame.resolvedAt()))
            .as("resolved after it was created")
            .isGreaterThan(game.read(FastDisputeGame.createdAt()));
      }
    }
  }

  private static long resolvedGames(ProposerScenario scenario, ContractReader factory) {
    long count = factory.read(DisputeGameFactory.gameCount()).toLongExact();
    long resolved = 0;
    for (long i = 0; i < count; i++) {
      Address proxy = factory.read(DisputeGameFactory.gameAtIndex(UInt256.valueOf(i))).proxy();
      if (scenario.reader(proxy, "FastDisputeGame").read(FastDisputeGame.status())
          == Games.DEFENDER_WINS) {
        resolved++;
      }
    }
    return resolved;
  }
}
