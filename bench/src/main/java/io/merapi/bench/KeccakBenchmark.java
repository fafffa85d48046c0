package io.merapi.bench;

import io.merapi.base.crypto.Keccak256;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.KeccakDigest;
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
 * keccak-256 of one message: Merapi's {@link Keccak256} against BouncyCastle's {@code KeccakDigest}
 * and the JDK's SHA3-256 (the same Keccak-f[1600] permutation with another padding byte; on CPUs
 * with AVX-512 the JDK uses an intrinsic for it). Sizes: a 32-byte word (trie keys, addresses), one
 * 136-byte rate block (a short trie node), 16 KiB (code, large calldata).
 *
 * <p>MB/s = ops/s x size / 10^6. Run: {@code java -jar bench/target/benchmarks.jar KeccakBenchmark
 * -f 1 -wi 3 -i 5}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeccakBenchmark {
  @Param({"32", "136", "16384"})
  int size;

  private byte[] input;
  private final byte[] out = new byte[32];
  private KeccakDigest bouncyCastle;
  private MessageDigest jdkSha3;

  @Setup
  public void setUp() throws NoSuchAlgorithmException {
    input = new byte[size];
    new Random(size).nextBytes(input);
    bouncyCastle = new KeccakDigest(256);
    jdkSha3 = MessageDigest.getInstance("SHA3-256");
  }

  @Benchmark
  public byte[] merapi() {
    Keccak256.hash(input, 0, input.length, out, 0);
    return out;
  }

  @Benchmark
  public byte[] bouncyCastle() {
    bouncyCastle.update(input, 0, input.length);
    bouncyCastle.doFinal(out, 0);
    return out;
  }

  @Benchmark
  public byte[] jdkSha3() throws Exception {
    jdkSha3.update(input, 0, input.length);
    jdkSha3.digest(out, 0, 32);
    return out;
  }
}
