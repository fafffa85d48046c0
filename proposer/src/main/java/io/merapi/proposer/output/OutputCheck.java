package io.merapi.proposer.output;

import io.merapi.base.bytes.Hash;
import io.merapi.service.rollup.OutputResponse;
import io.merapi.types.rollup.OutputRoot;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether the rollup node's output ({@code optimism_outputAtBlock}) is the one the L2 engine's
 * state gives ({@link EngineOutputs}). The node's root must be version 0, hash from its own parts,
 * and each part must equal the engine's; the verdict names every part that differs, so the log line
 * says which side to look at.
 */
public final class OutputCheck {
  private OutputCheck() {}

  /** The verdict on one block's output. */
  public sealed interface Verdict {}

  /** Node and engine agree on {@code root}. */
  public record Agrees(Hash root) implements Verdict {}

  /** They do not; {@code reason} lists what differs, one clause each. */
  public record Disagrees(String reason) implements Verdict {}

  public static Verdict compare(OutputResponse node, OutputRoot engine) {
    List<String> differences = new ArrayList<>();
    if (!node.version().equals(OutputRoot.VERSION_0)) {
      differences.add("the node's output version is " + node.version() + ", only 0 is supported");
    }
    Hash nodeParts =
        new OutputRoot(node.stateRoot(), node.withdrawalStorageRoot(), node.blockRef().hash())
            .root();
    if (!nodeParts.equals(node.outputRoot())) {
      differences.add(
          "the node's output root "
              + node.outputRoot()
              + " is not the hash of its parts "
              + nodeParts);
    }
    differ(differences, "block hash", node.blockRef().hash(), engine.blockHash());
    differ(differences, "state root", node.stateRoot(), engine.stateRoot());
    differ(
        differences,
        "L2ToL1MessagePasser storage root",
        node.withdrawalStorageRoot(),
        engine.withdrawalStorageRoot());
    differ(differences, "output root", node.outputRoot(), engine.root());
    if (differences.isEmpty()) {
      return new Agrees(engine.root());
    }
    return new Disagrees(String.join("; ", differences));
  }

  private static void differ(List<String> out, String what, Hash node, Hash engine) {
    if (!node.equals(engine)) {
      out.add(what + ": node " + node + ", engine " + engine);
    }
  }
}
