package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi evm}: the EVM developer tools, with geth's {@code evm} interfaces. */
@Command(
    name = "evm",
    mixinStandardHelpOptions = true,
    description = "EVM tools: state tests, blockchain tests, the t8n tool, raw bytecode runs.",
    subcommands = {
      EvmStateTestCommand.class,
      EvmCommand.BlockTest.class,
      EvmT8nCommand.class,
      EvmRunCommand.class
    })
public final class EvmCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "a subcommand is required: statetest, blocktest, t8n, run");
  }

  @Command(name = "blocktest", description = "Run ethereum/tests blockchain tests.")
  static final class BlockTest implements Runnable {
    @Unmatched List<String> arguments;

    @Override
    public void run() {
      throw CommandFailure.notBuiltYet("merapi evm blocktest", "1, chain");
    }
  }
}
