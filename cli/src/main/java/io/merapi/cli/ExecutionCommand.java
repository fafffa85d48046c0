package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi execution}: the execution engine node and its chain set-up tools. */
@Command(
    name = "execution",
    mixinStandardHelpOptions = true,
    description = "Execution engine node: L2 with OP rules, or an L1 dev chain with --dev.",
    subcommands = {
      ExecutionCommand.Init.class,
      ExecutionCommand.Import.class,
      ExecutionCommand.Export.class,
      ExecutionStatelessCommand.class
    })
public final class ExecutionCommand implements Runnable {
  @Unmatched List<String> arguments;

  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi execution", "1, execution node");
  }

  @Command(name = "init", description = "Write the genesis block and state of GENESIS.json.")
  static final class Init implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi execution init", "1, chain storage");
    }
  }

  @Command(name = "import", description = "Import concatenated RLP blocks; the last becomes head.")
  static final class Import implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi execution import", "1, chain storage");
    }
  }

  @Command(name = "export", description = "Write the canonical chain as concatenated RLP blocks.")
  static final class Export implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi execution export", "1, chain storage");
    }
  }
}
