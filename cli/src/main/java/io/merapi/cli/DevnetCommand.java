package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi devnet}: All-in-one devnet: L1, L2, sequencer, verifier, batcher, proposer. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    description = "All-in-one devnet: L1, L2, sequencer, verifier, batcher, proposer.")
public final class DevnetCommand implements Runnable {
  @Unmatched List<String> arguments;

  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi devnet", "5, devnet");
  }
}
