package io.merapi.bench;

import io.merapi.base.bytes.Hex;
import io.merapi.evm.CallResult;
import io.merapi.evm.Tracer;
import io.merapi.state.BytecodeRunner;
import io.merapi.types.config.Fork;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single instructions through the whole interpreter (dispatch, gas, stack checks): a loop of 256
 * iterations over 16 copies of a block that runs the instruction once, so one invocation runs it
 * 4096 times. Operand blocks are {@code DUP3 DUP3 OP POP} (the loop counter is on top) for binary
 * operations; {@code NOOP} runs {@code DUP3 DUP3 POP POP} to show the block's own cost. Run with
 * {@code -prof gc} to see the allocation per instruction (zero on the arithmetic path; SLOAD
 * allocates its key).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@org.openjdk.jmh.annotations.Fork(1)
public class OpcodeBenchmark {
  private static final int BLOCKS = 16;
  private static final int ITERATIONS = 256;

  @Param({"NOOP", "ADD", "MUL", "SDIV", "EXP", "KECCAK256", "SLOAD"})
  public String opcode;

  private BytecodeRunner runner;

  @Setup
  public void setup() {
    // Operands: two 256-bit words with all limbs in use (negative for SDIV).
    String operands =
        "7f"
            + "f3".repeat(8)
            + "12345678".repeat(6)
            + "7f"
            + "ff".repeat(16)
            + "0fedcba9".repeat(4);
    String block =
        switch (opcode) {
          case "NOOP" -> "82825050";
          case "ADD" -> "82820150";
          case "MUL" -> "82820250";
          case "SDIV" -> "82820550";
          case "EXP" -> "82820a50";
          case "KECCAK256" -> "6020600020" + "50";
          case "SLOAD" -> "602a54" + "50";
          default -> throw new IllegalArgumentException(opcode);
        };
    String prologue = operands + "602a54" + "50"; // warm slot 42
    int loopStart = prologue.length() / 2 + 3; // after PUSH2 counter
    String loop =
        "5b" + block.repeat(BLOCKS) + "600190038061" + String.format("%04x", loopStart) + "57";
    String code = prologue + "61" + String.format("%04x", ITERATIONS) + loop + "00";
    runner = BytecodeRunner.of(Fork.CANCUN, Hex.decode("0x" + code));
    CallResult check = runner.run(new byte[0], 100_000_000, Tracer.NONE);
    if (!check.isSuccess()) {
      throw new IllegalStateException(opcode + " benchmark code failed: " + check.halt());
    }
  }

  @Benchmark
  @OperationsPerInvocation(BLOCKS * ITERATIONS)
  public CallResult run() {
    return runner.run(new byte[0], 100_000_000, Tracer.NONE);
  }
}
