package io.merapi.node;

import static io.merapi.node.RollupRig.awaitTrue;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.merapi.base.bytes.Hex;
import io.merapi.node.driver.Driver;
import io.merapi.rpc.jwt.JwtSecret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Faults under a running rollup (issue 13: "an L1 or engine that is down, a wrong JWT — the node
 * keeps running, logs one clear line per cause, and retries with backoff"): an engine stopped and
 * started again on its data directory, a node holding the wrong JWT secret, and an L1 that goes
 * away and comes back. The assertions are on the nodes' state and RPC and on the driver's log
 * lines, never on how long anything took.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NodeFaultsIT {
  /** How long a fault lasts: long enough for several retries at the driver's backoff. */
  private static final long OUTAGE_MILLIS = 5_000;

  @TempDir static Path dir;

  private RollupRig rig;
  private RigNode sequencer;
  private RigNode verifier;
  private TestBatcher batcher;
  private final ListAppender<ILoggingEvent> driverLog = new ListAppender<>();

  @BeforeAll
  void startRollup() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger(Driver.class);
    driverLog.start();
    logger.addAppender(driverLog);
    rig = RollupRig.start(dir, RollupRig.Options.defaults());
    sequencer = rig.startNode("seq", true);
    verifier = rig.startNode("ver", false);
    batcher = rig.batcher(sequencer);
  }

  @AfterAll
  void stop() {
    ((Logger) LoggerFactory.getLogger(Driver.class)).detachAppender(driverLog);
    if (rig != null) {
      rig.close();
    }
  }

  @Test
  @Order(1)
  void enginesStoppedAndRestartedOnTheirDataDirectories() {
    awaitTrue(() -> sequencer.number("latest") >= 4, "the sequencer builds blocks");
    batcher.postUpTo(sequencer.number("latest"));
    awaitTrue(() -> verifier.heads().safe().number() >= 4, "the verifier derives");
    RigNode.Heads before = verifier.heads();

    // The verifier's engine goes away while there is work for it (new batches to derive: an idle
    // verifier does not call its engine): the node keeps answering and logs the cause once.
    int mark = driverLog.list.size();
    verifier.stopEngine();
    awaitTrue(() -> sequencer.number("latest") > batcher.posted(), "new sequencer blocks");
    batcher.postUpTo(sequencer.number("latest"));
    outage(verifier);
    verifier.startEngine();
    assertThat(warnings(mark, ":" + verifier.engineAuthPort()))
        .as("the engine outage is logged, once per cause")
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(3);

    // The sequencer's engine too: afterwards it builds on from where it was.
    long sequencedBefore = sequencer.heads().unsafe().number();
    int seqMark = driverLog.list.size();
    sequencer.stopEngine();
    outage(sequencer);
    sequencer.startEngine();
    assertThat(warnings(seqMark, ":" + sequencer.engineAuthPort())).isNotEmpty();
    awaitTrue(
        () -> sequencer.heads().unsafe().number() > sequencedBefore + 2,
        "the sequencer builds again after its engine came back");

    converge();
    assertThat(verifier.hash(before.safe().number())).isEqualTo(before.safe().hash());
    assertThat(recoveries(mark)).as("recovery is logged").isNotEmpty();
  }

  @Test
  @Order(2)
  void aNodeWithTheWrongJwtSecretKeepsRunningAndSaysWhy() throws Exception {
    RigNode wrong = rig.node("wrongjwt", false);
    wrong.startEngine();
    Path jwt = dir.resolve("not-the-engines.jwt");
    Files.writeString(jwt, Hex.encode(JwtSecret.generate().key()));
    wrong.useJwtFile(jwt);
    int mark = driverLog.list.size();
    wrong.startNode();
    try {
      String port = ":" + wrong.engineAuthPort();
      awaitTrue(() -> !warnings(mark, port).isEmpty(), "the node reports the JWT problem");
      outage(wrong); // it keeps retrying, and keeps answering its RPC
      List<String> lines = warnings(mark, port);
      assertThat(lines).hasSize(1);
      assertThat(lines.getFirst()).contains("JWT secret").contains("401");
      assertThat(wrong.heads().unsafe().number()).isZero();
    } finally {
      wrong.close();
    }
  }

  @Test
  @Order(3)
  void anL1ThatIsDownThenBack() {
    int mark = driverLog.list.size();
    rig.stopL1();
    outage(verifier);
    outage(sequencer);
    rig.startL1();
    assertThat(warnings(mark, "")).as("the L1 outage is logged").isNotEmpty();
    converge();
    assertThat(recoveries(mark)).isNotEmpty();
  }

  /** While a fault lasts, the node keeps answering on its RPC. */
  private void outage(RigNode node) {
    long until = System.currentTimeMillis() + OUTAGE_MILLIS;
    while (System.currentTimeMillis() < until) {
      assertThat(node.admin("optimism_version").asText()).isEqualTo(RollupNodeService.VERSION);
      node.syncStatus();
      RollupRig.sleep(250);
    }
  }

  /** Posts everything the sequencer built; the verifier must derive it block for block. */
  private void converge() {
    awaitTrue(() -> sequencer.number("latest") > batcher.posted(), "new sequencer blocks");
    long target = sequencer.number("latest");
    batcher.postUpTo(target);
    awaitTrue(
        () -> verifier.heads().safe().number() >= target, "the verifier derives up to " + target);
    for (long n = 1; n <= target; n++) {
      assertThat(verifier.hash(n)).as("block %d", n).isEqualTo(sequencer.hash(n));
    }
  }

  private List<String> warnings(int from, String containing) {
    return lines(from).stream()
        .filter(e -> e.getLevel() == Level.WARN)
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.contains(containing))
        .toList();
  }

  private List<String> recoveries(int from) {
    return lines(from).stream()
        .map(ILoggingEvent::getFormattedMessage)
        .filter(m -> m.startsWith("Recovered after"))
        .toList();
  }

  private List<ILoggingEvent> lines(int from) {
    synchronized (driverLog) {
      return List.copyOf(driverLog.list.subList(from, driverLog.list.size()));
    }
  }
}
