package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi genesis}: tools for geth-format genesis files. */
@Command(
    name = "genesis",
    mixinStandardHelpOptions = true,
    description = "Genesis file tools.",
    subcommands = {GenesisCommand.Inspect.class})
public final class GenesisCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: inspect");
  }

  @Command(
      name = "inspect",
      description = "Print the genesis block hash, state root and number of a genesis.json.")
  static final class Inspect implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi genesis inspect", "1, genesis");
    }
  }
}
