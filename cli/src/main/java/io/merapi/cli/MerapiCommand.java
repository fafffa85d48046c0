package io.merapi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code merapi}: one executable for every service and tool of the stack (see docs/design.md). */
@Command(
    name = "merapi",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Merapi: the OP Stack in Java.",
    subcommands = {
      ExecutionCommand.class,
      NodeCommand.class,
      BatcherCommand.class,
      ProposerCommand.class,
      ChallengerCommand.class,
      ProgramCommand.class,
      CannonCommand.class,
      DevnetCommand.class,
      ExplorerCommand.class,
      DeployCommand.class,
      EvmCommand.class,
      GenesisCommand.class,
      BatchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class MerapiCommand implements Runnable {

  @Option(
      names = {"--log.level"},
      defaultValue = "INFO",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Log level: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      converter = LogLevelConverter.class)
  LogLevel logLevel = LogLevel.INFO;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }

  /** Applies the log level before any command runs, then runs it. */
  static int executionStrategy(CommandLine.ParseResult parseResult) {
    MerapiCommand root = parseResult.commandSpec().commandLine().getCommand();
    root.logLevel.apply();
    return new CommandLine.RunLast().execute(parseResult);
  }

  /** Accepts the level names in any case. */
  static final class LogLevelConverter implements CommandLine.ITypeConverter<LogLevel> {
    @Override
    public LogLevel convert(String value) {
      return LogLevel.valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
  }
}
