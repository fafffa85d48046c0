package io.merapi.bench;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.crypto.Signature;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Public-key recovery (the work of sender recovery and the ecrecover precompile) per signature,
 * over 256 signatures of 256 keys: libsecp256k1 through JNI ({@code libsecp256k1}) against
 * BouncyCastle ({@code bouncyCastle}, the fallback, selected in its own fork with {@code
 * -Dmerapi.secp256k1.native=false}). Setup checks which implementation each fork really uses.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar Secp256k1RecoverBenchmark -f 1 -wi 3 -i 5
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Secp256k1RecoverBenchmark {
  private static final int SIGNATURES = 256;

  private final Hash[] messages = new Hash[SIGNATURES];
  private final Signature[] signatures = new Signature[SIGNATURES];
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    for (int i = 0; i < SIGNATURES; i++) {
      byte[] seed = ByteBuffer.allocate(4).putInt(i).array();
      Secp256k1.PrivateKey key = Secp256k1.PrivateKey.fromBytes(Keccak256.hash(seed));
      messages[i] = Keccak256.digest(("message " + i).getBytes());
      signatures[i] = Secp256k1.sign(messages[i], key);
    }
  }

  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
  public Optional<byte[]> libsecp256k1() {
    expect("libsecp256k1");
    return recoverNext();
  }

  @Benchmark
  @Fork(
      value = 1,
      jvmArgsAppend = {"-Dmerapi.secp256k1.native=false"})
  public Optional<byte[]> bouncyCastle() {
    expect("BouncyCastle");
    return recoverNext();
  }

  private Optional<byte[]> recoverNext() {
    int i = next++ & (SIGNATURES - 1);
    return Secp256k1.recoverPublicKey(messages[i], signatures[i]);
  }

  private static void expect(String implementation) {
    if (!Secp256k1.recoveryImplementation().startsWith(implementation)) {
      throw new IllegalStateException(
          "this fork recovers with " + Secp256k1.recoveryImplementation());
    }
  }
}
