package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi challenger}: Fault dispute game challenger, op-challenger flags. */
@Command(
    name = "challenger",
    mixinStandardHelpOptions = true,
    description = "Fault dispute game challenger, op-challenger flags.")
public final class ChallengerCommand implements Runnable {
  @Unmatched List<String> arguments;

  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi challenger", "7, Cannon and the challenger");
  }
}
