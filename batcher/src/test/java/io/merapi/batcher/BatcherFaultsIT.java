package io.merapi.batcher;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.merapi.batcher.channel.BatchType;
import io.merapi.derive.channel.CompressionAlgo;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The L1 goes away for a few seconds under a running batcher and comes back on the same port: the
 * batcher does not crash, says what failed in a few lines at most (not one per poll), and
 * everything the sequencer built meanwhile becomes safe, block for block the sequencer's.
 */
class BatcherFaultsIT {
  @TempDir Path dir;

  @Test
  void anL1OutageIsWaitedOutAndEverythingIsPostedAfterwards() throws Exception {
    // The batcher's lines and its transaction manager's.
    List<Logger> loggers =
        List.of(
            (Logger) LoggerFactory.getLogger("io.merapi.batcher"),
            (Logger) LoggerFactory.getLogger("io.merapi.service"));
    ListAppender<ILoggingEvent> lines = new ListAppender<>();
    lines.start();
    loggers.forEach(l -> l.addAppender(lines));
    try (BatcherRig rollup = new BatcherRig(dir)) {
      BatcherConfig config =
          rollup
              .config()
              .withChannels(2, 1, CompressionAlgo.ZLIB, BatchType.SPAN, DataAvailability.CALLDATA);
      try (BatcherService batcher = BatcherService.start(config)) {
        rollup.sendL2Transactions(3);
        long first = rollup.sequencer.number("latest");
        rollup.awaitVerifierSafe(first, "batches before the outage");

        rollup.rig.stopL1();
        Thread.sleep(4_000);
        rollup.rig.startL1();

        long after = rollup.sequencer.number("latest") + 2;
        rollup.awaitVerifierSafe(after, "the safe head reaches " + after + " after the outage");
        rollup.assertSameChain(after);
        assertThat(batcher.isRunning()).isTrue();
      }
    } finally {
      loggers.forEach(l -> l.detachAppender(lines));
    }
    List<String> warnings =
        lines.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
            .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
            .toList();
    warnings.forEach(w -> System.out.println("outage log: " + w));
    // About 20 polls fell into the outage: a few lines at most, not one per poll.
    assertThat(warnings.size()).isLessThanOrEqualTo(6);
  }
}
