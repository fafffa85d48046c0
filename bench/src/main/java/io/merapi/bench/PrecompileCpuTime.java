package io.merapi.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

/**
 * The inputs of {@link Bn254PairingBenchmark} and {@link ModExpBenchmark} timed in thread CPU time
 * rather than wall time: on a machine shared with other work, CPU time per call is the steadier
 * figure to set against a peer's (bench/peers/edr-precompiles.mjs reports EDR's process CPU time
 * for the same inputs). Each case warms up, then reports the median of seven rounds.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.merapi.bench.PrecompileCpuTime}
 */
public final class PrecompileCpuTime {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private PrecompileCpuTime() {}

  public static void main(String[] args) {
    Bn254PairingBenchmark bn254 = new Bn254PairingBenchmark();
    bn254.setUp();
    report("Bn254PairingBenchmark.pairing2", 40, bn254::pairing2);
    report("Bn254PairingBenchmark.pairing4", 20, bn254::pairing4);
    report("Bn254PairingBenchmark.add", 4000, bn254::add);
    report("Bn254PairingBenchmark.mul", 1000, bn254::mul);
    for (int bits : new int[] {256, 1024, 2048}) {
      for (String exponent : new String[] {"65537", "full"}) {
        ModExpBenchmark modexp = new ModExpBenchmark();
        modexp.bits = bits;
        modexp.exponent = exponent;
        modexp.setUp();
        int calls = exponent.equals("full") ? (bits == 2048 ? 20 : 200) : 2000;
        report("ModExpBenchmark " + bits + " " + exponent, calls, modexp::modexp);
      }
    }
  }

  private static void report(String name, int calls, Supplier<?> call) {
    Object sink = null;
    // Warm-up: enough calls for the JIT to compile the path.
    long warmUpUntil = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < warmUpUntil) {
      sink = call.get();
    }
    double[] perCall = new double[7];
    for (int round = 0; round < perCall.length; round++) {
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < calls; i++) {
        sink = call.get();
      }
      perCall[round] = (THREADS.getCurrentThreadCpuTime() - start) / 1e3 / calls;
    }
    java.util.Arrays.sort(perCall);
    System.out.printf(
        "merapi %s: cpu median %.1f us/call, min %.1f (%s)%n",
        name, perCall[3], perCall[0], sink == null ? "no result" : "ok");
  }
}
