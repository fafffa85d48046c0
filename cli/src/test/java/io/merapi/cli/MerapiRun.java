package io.merapi.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the {@code merapi} command line in-process and captures what it prints. */
final class MerapiRun {
  /** The exit code and the text printed on stdout and stderr. */
  record Output(int exitCode, String out, String err) {}

  private MerapiRun() {}

  /**
   * Runs {@code merapi args...}. One run at a time across all test classes: System.out and
   * System.err belong to the whole JVM.
   */
  static synchronized Output merapi(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      int code = Main.run(args);
      return new Output(
          code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }
}
