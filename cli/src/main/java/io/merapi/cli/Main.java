package io.merapi.cli;

import picocli.CommandLine;

/** Entry point of the {@code merapi} executable. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code (tests call this instead of main). */
  public static int run(String... args) {
    CommandLine commandLine = new CommandLine(new MerapiCommand());
    commandLine.setExecutionStrategy(MerapiCommand::executionStrategy);
    commandLine.setExecutionExceptionHandler(
        (exception, command, parseResult) -> {
          if (exception instanceof CommandFailure failure) {
            command.getErr().println(command.getCommandName() + ": " + failure.getMessage());
            return failure.exitCode();
          }
          throw exception;
        });
    return commandLine.execute(args);
  }
}
