package io.merapi.proposer;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import io.merapi.contracts.dispute.DisputeGameFactory;
import io.merapi.contracts.dispute.FastDisputeGame;
import io.merapi.node.RollupRig;
import io.merapi.proposer.contract.ContractReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The proposer against the DisputeGameFactory (the fast game, type 254, which the rig's deployment
 * respects), proposing safe blocks: every game's root claim is the independent computation's for
 * its L2 block, the blocks increase, and a rollup node that goes away for a while costs one log
 * line and some retries, not the proposer.
 */
class GameFactoryProposerIT {
  static final long FAST_GAME = 254;

  @TempDir Path dir;

  @Test
  void everyGameClaimsTheEnginesOutputRootAndAnOutageIsRiddenOut() throws Exception {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    Logger driverLog = (Logger) LoggerFactory.getLogger(ProposerDriver.class);
    driverLog.addAppender(log);
    try (ProposerScenario scenario = new ProposerScenario(dir, RollupRig.Options.defaults())) {
      Address factoryAddress = scenario.address("DisputeGameFactoryProxy");
      ContractReader factory = scenario.reader(factoryAddress, "DisputeGameFactory");
      ProposerService proposer =
          scenario.startProposer(
              new ProposerConfig.GameFactory(factoryAddress, Duration.ofSeconds(3), FAST_GAME),
              true);

      RollupRig.awaitTrue(
          () -> factory.read(DisputeGameFactory.gameCount()).toLongExact() >= 2,
          "two games",
          Duration.ofSeconds(20));

      // The rollup node goes away: the proposer logs it, backs off and keeps running.
      scenario.sequencer.stopNode();
      RollupRig.awaitTrue(
          () -> log.list.stream().anyMatch(e -> e.getLevel() == Level.WARN),
          "a warning about the rollup node",
          Duration.ofSeconds(30));
      Thread.sleep(2000);
      assertThat(proposer.driver().running()).isTrue();
      long warnings = log.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
      assertThat(warnings).as("one line per cause, not one per retry").isLessThanOrEqualTo(3);
      long before = factory.read(DisputeGameFactory.gameCount()).toLongExact();
      scenario.sequencer.startNode();

      RollupRig.awaitTrue(
          () -> factory.read(DisputeGameFactory.gameCount()).toLongExact() >= before + 2,
          "two more games after the node came back",
          Duration.ofSeconds(20));
      assertThat(log.list)
          .anyMatch(e -> e.getFormattedMessage().startsWith("Proposer recovered after"));

      long count = factory.read(DisputeGameFactory.gameCount()).toLongExact();
      List<Long> blocks = new ArrayList<>();
      for (long i = 0; i < count; i++) {
        var game = factory.read(DisputeGameFactory.gameAtIndex(UInt256.valueOf(i)));
        assertThat(game.gameType()).isEqualTo(FAST_GAME);
        ContractReader reader = scenario.reader(game.proxy(), "FastDisputeGame");
        long block = reader.read(FastDisputeGame.l2BlockNumber()).toLongExact();
        assertThat(reader.read(FastDisputeGame.rootClaim()))
            .as("game %d, L2 block %d", i, block)
            .isEqualTo(ProposerScenario.independentOutputRoot(scenario.sequencer.eth(), block));
        blocks.add(block);
      }
      assertThat(blocks).isSorted().doesNotHaveDuplicates();
    } finally {
      driverLog.detachAppender(log);
    }
  }
}
