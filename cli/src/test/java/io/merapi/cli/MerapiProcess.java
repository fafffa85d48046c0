package io.merapi.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One {@code merapi} service run as an operating-system process ({@code java -cp <the test class
 * path> io.merapi.cli.Main args...}), for tests that kill and restart services. It is started again
 * with the same arguments, so on the same data directory and ports. Its stdout (the banner) and
 * stderr (the log) are appended to files that outlive the test, with a marker line per start.
 */
final class MerapiProcess implements AutoCloseable {
  private static final Set<Integer> PORTS_GIVEN = new HashSet<>();

  /** Small, quick-starting JVMs: several run at once on a small machine. */
  static final List<String> SMALL_JVM =
      List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

  private final String name;
  private final List<String> jvmOptions;
  private final List<String> args;
  private final Path out;
  private final Path log;
  private Process process;
  private int starts;
  private long outStart;

  MerapiProcess(String name, Path logDir, List<String> args) {
    this(name, logDir, SMALL_JVM, args);
  }

  /**
   * A process whose JVM takes {@code jvmOptions} (heap, collector) instead of {@link #SMALL_JVM}.
   */
  MerapiProcess(String name, Path logDir, List<String> jvmOptions, List<String> args) {
    this.name = name;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.args = List.copyOf(args);
    this.out = logDir.resolve(name + ".out");
    this.log = logDir.resolve(name + ".log");
  }

  /**
   * A loopback port that was free a moment ago and that no other call returned. The port is chosen
   * here rather than by the service (port 0) because a restarted service must come back on the same
   * port for the others to find it.
   */
  static synchronized int freePort() {
    for (int attempt = 0; attempt < 100; attempt++) {
      try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (PORTS_GIVEN.add(socket.getLocalPort())) {
          return socket.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    throw new IllegalStateException("no free loopback port");
  }

  String name() {
    return name;
  }

  int starts() {
    return starts;
  }

  synchronized void start() throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(name + " is running");
    }
    starts++;
    String marker = "=== " + name + " start " + starts + " ===\n";
    Files.writeString(
        log,
        marker,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
    Files.writeString(
        out,
        marker,
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND,
        StandardOpenOption.WRITE);
    outStart = Files.size(out);
    List<String> command = new ArrayList<>();
    command.add(ProcessHandle.current().info().command().orElseThrow());
    command.add("--enable-native-access=ALL-UNNAMED");
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
    command.addAll(args);
    process =
        new ProcessBuilder(command)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(out.toFile()))
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
  }

  synchronized boolean alive() {
    return process != null && process.isAlive();
  }

  /** SIGKILL: no shutdown hook runs, nothing is closed. */
  synchronized void kill() throws InterruptedException {
    process.destroyForcibly();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError(name + " did not die from SIGKILL within 30 s");
    }
  }

  /**
   * SIGTERM, then waits up to {@code timeout} for the exit; empty if the process is still running
   * then (it is left running; {@link #close} kills it).
   */
  synchronized java.util.OptionalInt terminate(Duration timeout) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return java.util.OptionalInt.empty();
    }
    return java.util.OptionalInt.of(process.exitValue());
  }

  /** What the process printed on stdout since it was last started. */
  String output() {
    try {
      byte[] all = Files.readAllBytes(out);
      int from = (int) Math.min(outStart, all.length);
      return new String(all, from, all.length - from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }

  /** The log's last lines (all starts), for failure messages. */
  String logTail(int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** The whole log (all starts). */
  String log() {
    try {
      return Files.readString(log, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }

  @Override
  public synchronized void close() {
    if (process != null && process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
