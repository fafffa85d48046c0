package io.merapi.bench;

import io.merapi.evm.precompile.ModExp;
import io.merapi.evm.precompile.PrecompileResult;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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
 * its top bit set, a pseudo-random base below it, and either the public exponent 65537 (signature
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
    int bytes = bits / 8;
    byte[] modulus = stream("modulus-" + bits, bytes);
    modulus[0] |= (byte) 0x80;
    modulus[bytes - 1] |= 1;
    byte[] base = stream("base-" + bits, bytes);
    base[0] &= 0x7f;
    byte[] exp;
    if (exponent.equals("65537")) {
      exp = new byte[] {1, 0, 1};
    } else {
      exp = stream("exponent-" + bits, bytes);
      exp[0] |= (byte) 0x80;
    }
    input = new byte[96 + bytes + exp.length + bytes];
    lengthWord(bytes, 0);
    lengthWord(exp.length, 32);
    lengthWord(bytes, 64);
    System.arraycopy(base, 0, input, 96, bytes);
    System.arraycopy(exp, 0, input, 96 + bytes, exp.length);
    System.arraycopy(modulus, 0, input, 96 + bytes + exp.length, bytes);
    PrecompileResult result = ModExp.BERLIN.execute(input, Long.MAX_VALUE);
    if (!(result instanceof PrecompileResult.Success success)) {
      throw new IllegalStateException("modexp failed: " + result);
    }
    System.out.printf(
        "%n[modexp %d-bit, exponent %s: %d gas]%n", bits, exponent, success.gasUsed());
  }

  /**
   * {@code length} pseudo-random bytes: SHA-256(label || counter) blocks, so that a peer harness
   * can build the very same inputs (bench/peers/edr-precompiles.mjs does).
   */
  static byte[] stream(String label, int length) {
    byte[] out = new byte[length];
    try {
      for (int block = 0; block * 32 < length; block++) {
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update((label + "/" + block).getBytes(StandardCharsets.US_ASCII));
        byte[] digest = sha256.digest();
        System.arraycopy(digest, 0, out, block * 32, Math.min(32, length - block * 32));
      }
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    return out;
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
}
