package io.merapi.cli;

import java.time.Duration;
import java.util.function.Function;

/**
 * Reading the service commands' flag values: each refusal names the flag it is about, as one {@link
 * CommandFailure} line, so that the user knows which flag or variable to fix.
 */
final class Flags {
  private Flags() {}

  /**
   * Fails with {@code message} (which says what the flag is for) when a required flag is absent.
   */
  static void require(Object value, String message) {
    if (value == null) {
      throw new CommandFailure(message);
    }
  }

  /** {@code parser}'s value of {@code value}; its refusal, prefixed with {@code flag}. */
  static <T> T parse(String flag, String value, Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(flag + ": " + e.getMessage());
    }
  }

  /** A Go-style duration ({@code 12s}, {@code 250ms}, {@code 2m}) of {@code flag}. */
  static Duration duration(String flag, String value) {
    try {
      return ExecutionCommand.duration(value);
    } catch (CommandFailure e) {
      throw new CommandFailure(flag + ": " + e.getMessage());
    }
  }
}
