package io.merapi.cli;

import picocli.CommandLine.Command;

/** {@code merapi evm}: the EVM developer tools, with geth's {@code evm} interfaces. */
@Command(
    name = "evm",
    mixinStandardHelpOptions = true,
    description = "EVM tools: state tests, blockchain tests, the t8n tool, raw bytecode runs.",
    subcommands = {
      EvmStateTestCommand.class,
      EvmBlockTestCommand.class,
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
}
