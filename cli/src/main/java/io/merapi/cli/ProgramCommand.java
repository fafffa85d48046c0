package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi program}: Fault-proof program, host and client, op-program flags. */
@Command(
    name = "program",
    mixinStandardHelpOptions = true,
    description = "Fault-proof program, host and client, op-program flags.")
public final class ProgramCommand implements Runnable {
  @Unmatched List<String> arguments;

  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi program", "6, fault proofs");
  }
}
