package io.merapi.bench;

import io.merapi.evm.CallResult;
import io.merapi.evm.Tracer;
import io.merapi.state.BytecodeRunner;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The peers' EVM workloads ({@code ../shared/perf/peers/run.sh evm}) through Merapi's interpreter:
 * the same runtime code and calldata, called with 1e9 gas as EDR's {@code eth_call} is, from a
 * fresh journaled state each run. Quote EDR time / this time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xmx2g"})
public class EvmBenchmark {
  @Param({
    "snailtracer",
    "keccak-loop-200k",
    "fib-loop-1M",
    "blake2b_huff/0",
    "blake2b_huff/1",
    "blake2b_shifts/0",
    "sha1_divs/0",
    "sha1_divs/1",
    "sha1_shifts/0",
    "sha1_shifts/1",
    "structarray_alloc/0",
    "swap_math/0",
    "swap_math/1",
    "swap_math/2",
    "weierstrudel/0",
    "weierstrudel/1"
  })
  public String workload;

  private BytecodeRunner runner;
  private byte[] input;

  private static final long GAS = 1_000_000_000L;

  @Setup
  public void setup() {
    EvmWorkloads.Workload w = EvmWorkloads.all().get(workload);
    if (w == null) {
      throw new IllegalArgumentException("no workload " + workload);
    }
    runner = BytecodeRunner.of(io.merapi.types.config.Fork.CANCUN, w.code());
    input = w.input();
    CallResult first = runner.run(input, GAS, Tracer.NONE);
    if (!first.isSuccess()) {
      throw new IllegalStateException(workload + " failed: " + first.halt());
    }
  }

  @Benchmark
  public CallResult run() {
    return runner.run(input, GAS, Tracer.NONE);
  }
}
