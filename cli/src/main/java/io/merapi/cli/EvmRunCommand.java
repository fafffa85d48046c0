package io.merapi.cli;

import io.merapi.base.bytes.Hex;
import io.merapi.evm.CallResult;
import io.merapi.evm.Tracer;
import io.merapi.state.BytecodeRunner;
import io.merapi.types.config.Fork;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi evm run}: executes raw bytecode as geth's {@code evm run} does and prints the
 * output; {@code --bench} repeats the run and prints the time per run.
 */
@Command(name = "run", mixinStandardHelpOptions = true, description = "Run raw bytecode.")
final class EvmRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--code", description = "EVM code as hex.")
  String code;

  @Option(names = "--codefile", description = "File with EVM code as hex ('-' for stdin).")
  Path codeFile;

  @Option(names = "--input", defaultValue = "0x", description = "Calldata as hex.")
  String input;

  @Option(
      names = "--gas",
      defaultValue = "10000000000",
      description = "Gas for the call (default: ${DEFAULT-VALUE}).")
  long gas;

  @Option(
      names = "--state.fork",
      defaultValue = "Cancun",
      description = "Fork rules (default: ${DEFAULT-VALUE}).")
  String fork;

  @Option(names = "--bench", description = "Time repeated runs and print the time per run.")
  boolean bench;

  @Option(
      names = "--bench.time",
      defaultValue = "5",
      description = "Seconds of timed runs, after as many of warm-up (default: ${DEFAULT-VALUE}).")
  double benchSeconds;

  @Option(names = "--json", description = "Print an EIP-3155 trace of the run on stderr.")
  boolean trace;

  @Override
  public Integer call() throws IOException {
    byte[] bytecode = Hex.decodeLenient(codeText().strip());
    byte[] calldata = Hex.decodeLenient(input.strip());
    Fork rules = Fork.fromName(fork).orElseThrow(() -> new CommandFailure("unknown fork: " + fork));
    BytecodeRunner runner = BytecodeRunner.of(rules, bytecode);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Tracer tracer = trace ? new io.merapi.evm.trace.Eip3155Tracer(err, false) : Tracer.NONE;
    CallResult result = runner.run(calldata, gas, tracer);
    out.println(Hex.encode(result.output()));
    if (!result.isSuccess()) {
      err.println(" error: " + result.halt().message());
    }
    if (bench) {
      Timing timing = benchmark(runner, calldata);
      err.printf(Locale.ROOT, "EVM gas used:    %d%n", gas - result.gasLeft());
      err.printf(Locale.ROOT, "execution time:  %.3fms%n", timing.medianNanos() / 1e6);
      err.printf(
          Locale.ROOT,
          "runs: %d, fastest %.3fms, median CPU time %.3fms%n",
          timing.runs(),
          timing.minNanos() / 1e6,
          timing.medianCpuNanos() / 1e6);
    }
    out.flush();
    err.flush();
    return result.isSuccess() ? 0 : 1;
  }

  /** Wall-clock median and minimum, and the median CPU time of the running thread, per run. */
  record Timing(int runs, long medianNanos, long minNanos, long medianCpuNanos) {}

  /**
   * Warms up for the time budget, then times runs for as long again (at least five). On a shared
   * machine the fastest run and the CPU time are the figures least disturbed by other load.
   */
  private Timing benchmark(BytecodeRunner runner, byte[] calldata) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long budget = (long) (benchSeconds * 1e9);
    long warmupEnd = System.nanoTime() + budget;
    while (System.nanoTime() < warmupEnd) {
      runner.run(calldata, gas, Tracer.NONE);
    }
    long[] wall = new long[100_000];
    long[] cpu = new long[wall.length];
    int n = 0;
    long end = System.nanoTime() + budget;
    while (n < wall.length && (n < 5 || System.nanoTime() < end)) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      runner.run(calldata, gas, Tracer.NONE);
      wall[n] = System.nanoTime() - t0;
      cpu[n] = threads.getCurrentThreadCpuTime() - c0;
      n++;
    }
    long[] w = Arrays.copyOf(wall, n);
    long[] c = Arrays.copyOf(cpu, n);
    Arrays.sort(w);
    Arrays.sort(c);
    return new Timing(n, w[n / 2], w[0], c[n / 2]);
  }

  private String codeText() throws IOException {
    if (code != null) {
      return code;
    }
    if (codeFile == null) {
      throw new CommandFailure("give the code with --code HEX or --codefile FILE");
    }
    if (codeFile.toString().equals("-")) {
      return new String(System.in.readAllBytes(), StandardCharsets.US_ASCII);
    }
    return Files.readString(codeFile, StandardCharsets.US_ASCII);
  }
}
