package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi proposer}: Output root proposer, op-proposer flags. */
@Command(
    name = "proposer",
    mixinStandardHelpOptions = true,
    description = "Output root proposer, op-proposer flags.")
public final class ProposerCommand implements Runnable {
  @Unmatched List<String> arguments;

  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi proposer", "4, proposer");
  }
}
