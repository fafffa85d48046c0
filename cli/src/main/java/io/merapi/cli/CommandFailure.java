package io.merapi.cli;

/**
 * A command that cannot do what was asked, for a reason the user should read (bad input file, a
 * feature not built yet). Printed as one line on stderr, without a stack trace.
 */
public final class CommandFailure extends RuntimeException {
  /** Exit code for a command or feature that does not exist yet. */
  public static final int NOT_BUILT = 3;

  private final int exitCode;

  public CommandFailure(String message, int exitCode) {
    super(message);
    this.exitCode = exitCode;
  }

  public CommandFailure(String message) {
    this(message, 1);
  }

  public int exitCode() {
    return exitCode;
  }

  /** The error for a command of the design map that a later roadmap step delivers. */
  public static CommandFailure notBuiltYet(String command, String roadmapStep) {
    return new CommandFailure(
        command + " is not built yet (roadmap: " + roadmapStep + ")", NOT_BUILT);
  }
}
