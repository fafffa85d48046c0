package io.merapi.node;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The set-up most node scenarios share: a {@link RollupRig} with its defaults, one sequencer and
 * one verifier, started once per class and closed after it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SequencerAndVerifier {
  @TempDir static Path dir;

  protected RollupRig rig;
  protected RigNode sequencer;
  protected RigNode verifier;

  @BeforeAll
  void startRollup() throws Exception {
    rig = RollupRig.start(dir, RollupRig.Options.defaults());
    sequencer = rig.startNode("seq", true);
    verifier = rig.startNode("ver", false);
  }

  @AfterAll
  void stop() {
    if (rig != null) {
      rig.close();
    }
  }
}
