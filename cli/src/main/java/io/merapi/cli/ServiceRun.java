package io.merapi.cli;

import java.io.PrintWriter;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What the long-running service commands ({@code node}, {@code batcher}, {@code proposer}) do alike
 * around their service: op-service's {@code <PREFIX>_LOG_LEVEL}, a refusal to start as one line,
 * the banner with the service's endpoints, and running until SIGTERM closes the service.
 */
final class ServiceRun {
  private ServiceRun() {}

  /**
   * The service's {@code <prefix>_LOG_LEVEL} variable (Go's level names: trace, debug, info, warn,
   * error, crit), unless {@code --log.level} was given on the command line, which wins as every
   * flag does.
   */
  static void applyEnvironmentLogLevel(CommandSpec spec, String prefix) {
    String variable = prefix + "_LOG_LEVEL";
    applyEnvironmentLogLevel(spec, variable, System.getenv(variable));
  }

  /** {@link #applyEnvironmentLogLevel(CommandSpec, String)} with the variable's {@code value}. */
  static void applyEnvironmentLogLevel(CommandSpec spec, String variable, String value) {
    if (value == null || value.isBlank() || logLevelOnCommandLine(spec)) {
      return;
    }
    String name = value.strip().toUpperCase(Locale.ROOT);
    if (name.equals("CRIT")) {
      name = "ERROR";
    }
    try {
      LogLevel.valueOf(name).apply();
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(
          "invalid " + variable + " " + value + ": use trace, debug, info, warn, error or crit");
    }
  }

  private static boolean logLevelOnCommandLine(CommandSpec spec) {
    for (CommandLine c = spec.commandLine(); c != null; c = c.getParent()) {
      if (c.getParseResult() != null && c.getParseResult().hasMatchedOption("--log.level")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The started service; a service that refuses its configuration (or cannot bind its ports) says
   * why in one line rather than a stack trace.
   */
  static <S extends AutoCloseable> S start(Supplier<S> start) {
    try {
      return start.get();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  /**
   * Prints the banner ({@code headline}, then the service's RPC endpoint under {@code rpcName} and
   * its metrics endpoint, if it serves one) and waits until SIGTERM or SIGINT has closed {@code
   * service}; returns the command's exit code.
   */
  static int untilStopped(
      CommandSpec spec,
      AutoCloseable service,
      String headline,
      String rpcName,
      URI rpc,
      Optional<URI> metrics)
      throws InterruptedException {
    Shutdown shutdown = Shutdown.closing(service);
    PrintWriter out = spec.commandLine().getOut();
    out.println(headline);
    out.println(endpoint(rpcName, rpc));
    metrics.ifPresent(u -> out.println(endpoint("metrics", u)));
    out.flush();
    shutdown.await();
    return 0;
  }

  private static String endpoint(String name, URI uri) {
    return String.format(Locale.ROOT, "  %-13s%s", name, uri);
  }
}
