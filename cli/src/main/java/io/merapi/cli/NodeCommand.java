package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi node}: Rollup node (sequencer or verifier), op-node flags. */
@Command(
    name = "node",
    mixinStandardHelpOptions = true,
    description = "Rollup node (sequencer or verifier), op-node flags.")
public final class NodeCommand implements Runnable {
  @Unmatched List<String> arguments;

  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi node", "3, rollup node");
  }
}
