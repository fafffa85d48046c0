package io.merapi.bench;

import io.merapi.evm.precompile.ModExp;
import io.merapi.evm.precompile.PrecompileResult;
import java.math.BigInteger;
import java.util.Random;
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
 * MODEXP (EIP-198 with EIP-2565 pricing) on RSA-like inputs: an odd modulus of the given size with
 * its top bit set, a random base below it, and either the public exponent 65537 (signature
 * verification) or a full-size exponent (signing, the expensive case). The gas each case is charged
 * is printed at set-up so a figure can be read as gas per second.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar ModExpBenchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ModExpBenchmark {
  @Param({"256", "1024", "2048"})
  public int bits;

  @Param({"65537", "full"})
  public String exponent;

  private byte[] input;

  @Setup
  public void setUp() {
    Random random = new Random(bits);
    int bytes = bits / 8;
    BigInteger modulus = new BigInteger(bits, random).setBit(bits - 1).setBit(0);
    BigInteger base = new BigInteger(bits - 1, random);
    BigInteger exp =
        exponent.equals("65537")
            ? BigInteger.valueOf(65537)
            : new BigInteger(bits, random).setBit(bits - 1);
    byte[] expBytes = unsigned(exp);
    input = new byte[96 + bytes + expBytes.length + bytes];
    lengthWord(bytes, 0);
    lengthWord(expBytes.length, 32);
    lengthWord(bytes, 64);
    place(base, 96, bytes);
    System.arraycopy(expBytes, 0, input, 96 + bytes, expBytes.length);
    place(modulus, 96 + bytes + expBytes.length, bytes);
    PrecompileResult result = ModExp.BERLIN.execute(input, Long.MAX_VALUE);
    if (!(result instanceof PrecompileResult.Success success)) {
      throw new IllegalStateException("modexp failed: " + result);
    }
    System.out.printf(
        "%n[modexp %d-bit, exponent %s: %d gas]%n", bits, exponent, success.gasUsed());
  }

  @Benchmark
  public PrecompileResult modexp() {
    return ModExp.BERLIN.execute(input, Long.MAX_VALUE);
  }

  private void lengthWord(int value, int offset) {
    input[offset + 28] = (byte) (value >>> 24);
    input[offset + 29] = (byte) (value >>> 16);
    input[offset + 30] = (byte) (value >>> 8);
    input[offset + 31] = (byte) value;
  }

  private void place(BigInteger value, int offset, int length) {
    byte[] bytes = unsigned(value);
    System.arraycopy(bytes, 0, input, offset + length - bytes.length, bytes.length);
  }

  private static byte[] unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      return java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return bytes;
  }
}
