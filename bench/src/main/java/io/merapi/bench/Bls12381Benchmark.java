package io.merapi.bench;

import io.merapi.base.bytes.Address;
import io.merapi.evm.precompile.Precompile;
import io.merapi.evm.precompile.PrecompileConfig;
import io.merapi.evm.precompile.PrecompileResult;
import io.merapi.evm.precompile.PrecompileSet;
import io.merapi.types.config.Fork;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The EIP-2537 BLS12-381 precompiles through their precompile interface (so decoding and the
 * subgroup checks are measured with the arithmetic): PAIRING_CHECK with two pairs (e(P, Q) e(-P,
 * Q), product one), G1MSM with 64 points, and the two maps. Points come from the map precompiles of
 * fixed field elements and scalars from a seeded generator, so inputs are valid by construction.
 *
 * <p>{@code java -jar bench/target/benchmarks.jar Bls12381Benchmark -f 1 -wi 3 -i 5}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@org.openjdk.jmh.annotations.Fork(1)
public class Bls12381Benchmark {
  private static final int FP = 64;
  private static final int G1 = 128;
  private static final int G2 = 256;
  private static final int MSM_POINTS = 64;

  private Precompile g1Msm;
  private Precompile pairing;
  private Precompile mapG1;
  private Precompile mapG2;
  private byte[] pairingInput;
  private byte[] msmInput;
  private byte[] fpInput;
  private byte[] fp2Input;

  @Setup
  public void setUp() {
    PrecompileSet set = PrecompileSet.of(PrecompileConfig.l1(Fork.PRAGUE));
    g1Msm = set.get(low(0x0c)).orElseThrow();
    pairing = set.get(low(0x0f)).orElseThrow();
    mapG1 = set.get(low(0x10)).orElseThrow();
    mapG2 = set.get(low(0x11)).orElseThrow();
    fpInput = fieldElement(7);
    fp2Input = new byte[2 * FP];
    System.arraycopy(fieldElement(11), 0, fp2Input, 0, FP);
    System.arraycopy(fieldElement(13), 0, fp2Input, FP, FP);

    byte[] p = output(mapG1.execute(fpInput, Long.MAX_VALUE));
    byte[] q = output(mapG2.execute(fp2Input, Long.MAX_VALUE));
    byte[] minusP = p.clone();
    negateY(minusP);
    pairingInput = new byte[2 * (G1 + G2)];
    System.arraycopy(p, 0, pairingInput, 0, G1);
    System.arraycopy(q, 0, pairingInput, G1, G2);
    System.arraycopy(minusP, 0, pairingInput, G1 + G2, G1);
    System.arraycopy(q, 0, pairingInput, 2 * G1 + G2, G2);
    if (output(pairing.execute(pairingInput, Long.MAX_VALUE))[31] != 1) {
      throw new IllegalStateException("e(P, Q) e(-P, Q) should be one");
    }

    Random random = new Random(2537);
    msmInput = new byte[MSM_POINTS * (G1 + 32)];
    for (int i = 0; i < MSM_POINTS; i++) {
      byte[] point = output(mapG1.execute(fieldElement(100 + i), Long.MAX_VALUE));
      System.arraycopy(point, 0, msmInput, i * (G1 + 32), G1);
      byte[] scalar = new byte[32];
      random.nextBytes(scalar);
      System.arraycopy(scalar, 0, msmInput, i * (G1 + 32) + G1, 32);
    }
    output(g1Msm.execute(msmInput, Long.MAX_VALUE));
  }

  @Benchmark
  public PrecompileResult pairing2() {
    return pairing.execute(pairingInput, Long.MAX_VALUE);
  }

  @Benchmark
  public PrecompileResult g1Msm64() {
    return g1Msm.execute(msmInput, Long.MAX_VALUE);
  }

  @Benchmark
  public PrecompileResult mapFpToG1() {
    return mapG1.execute(fpInput, Long.MAX_VALUE);
  }

  @Benchmark
  public PrecompileResult mapFp2ToG2() {
    return mapG2.execute(fp2Input, Long.MAX_VALUE);
  }

  private static byte[] fieldElement(int value) {
    byte[] out = new byte[FP];
    out[FP - 1] = (byte) value;
    out[FP - 2] = (byte) (value >>> 8);
    return out;
  }

  /** y -> p - y for an encoded G1 point (y is the last 48 bytes, below p). */
  private static void negateY(byte[] point) {
    java.math.BigInteger p =
        new java.math.BigInteger(
            "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab",
            16);
    java.math.BigInteger y =
        new java.math.BigInteger(1, java.util.Arrays.copyOfRange(point, 80, 128));
    byte[] negated = p.subtract(y).toByteArray();
    java.util.Arrays.fill(point, 80, 128, (byte) 0);
    int length = Math.min(negated.length, 48);
    System.arraycopy(negated, negated.length - length, point, 128 - length, length);
  }

  private static byte[] output(PrecompileResult result) {
    if (result instanceof PrecompileResult.Success success) {
      return success.output();
    }
    throw new IllegalStateException("benchmark setup call failed: " + result);
  }

  private static Address low(int index) {
    byte[] bytes = new byte[Address.LENGTH];
    bytes[19] = (byte) index;
    return Address.wrap(bytes);
  }
}
