package io.merapi.bench.cannon;

import io.merapi.cannon.elf.ElfLoader;
import io.merapi.cannon.oracle.PreimageOracle;
import io.merapi.cannon.state.State;
import io.merapi.cannon.vm.Vm;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Steps per second of the cannon interpreter on a long-running MIPS64 program, with the memory
 * Merkle root taken every {@code rootEvery} steps as a challenger does: prints each interval's step
 * rate and root time, then the rate over the run without its first (JIT warm-up) interval, in wall
 * time and in this thread's CPU time (which other jobs on a shared machine disturb far less). The
 * guest's output is discarded.
 *
 * <pre>
 * mips64-linux-gnuabi64-gcc -O2 -march=mips64 -mno-branch-likely -mabi=64 -EB -msoft-float \
 *   -mno-abicalls -fno-pic -static -nostdlib -ffreestanding -fno-builtin -mno-check-zero-division \
 *   -Wl,-Ttext-segment=0x10000 -Wl,-e,__start -o /tmp/longrun.elf \
 *   cannon/src/test/resources/io/merapi/cannon/c/longrun.c
 * java -cp bench/target/benchmarks.jar io.merapi.bench.cannon.CannonSteps /tmp/longrun.elf \
 *   [steps=500000000] [rootEvery=100000000]
 * </pre>
 */
public final class CannonSteps {
  private CannonSteps() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: CannonSteps ELF [steps] [rootEvery]");
      System.exit(2);
    }
    byte[] elf = Files.readAllBytes(Path.of(args[0]));
    long steps = args.length > 1 ? Long.parseLong(args[1]) : 500_000_000L;
    long rootEvery = args.length > 2 ? Long.parseLong(args[2]) : 100_000_000L;
    State state = ElfLoader.load(elf);
    Vm vm = new Vm(state, PreimageOracle.NONE, OutputStream.nullOutputStream(), System.err);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long warmSteps = 0;
    long warmNanos = 0;
    long warmCpu = 0;
    for (int interval = 0; state.step < steps && !state.exited; interval++) {
      long c0 = threads.getCurrentThreadCpuTime();
      long t0 = System.nanoTime();
      long ran = vm.run(Math.min(rootEvery, steps - state.step));
      long t1 = System.nanoTime();
      state.memory.merkleRoot();
      long t2 = System.nanoTime();
      long cpu = threads.getCurrentThreadCpuTime() - c0;
      System.out.printf(
          "interval %d: %,d steps at %,.0f steps/s (%,.0f per CPU second), root %.3f s"
              + " (%d pages)%n",
          interval,
          ran,
          ran / ((t1 - t0) / 1e9),
          ran / (cpu / 1e9),
          (t2 - t1) / 1e9,
          state.memory.pageCount());
      if (interval > 0) {
        warmSteps += ran;
        warmNanos += t2 - t0;
        warmCpu += cpu;
      }
    }
    if (warmNanos > 0) {
      System.out.printf(
          "after warm-up: %,.0f steps/s, %,.0f per CPU second, including roots (%,d steps)%n",
          warmSteps / (warmNanos / 1e9), warmSteps / (warmCpu / 1e9), warmSteps);
    }
  }
}
