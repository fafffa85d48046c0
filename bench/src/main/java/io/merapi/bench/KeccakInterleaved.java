package io.merapi.bench;

import io.merapi.base.crypto.Keccak256;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bouncycastle.crypto.digests.KeccakDigest;

/**
 * The {@link KeccakBenchmark} comparison made robust to a shared, busy machine: JMH measures one
 * implementation after another, so load that comes and goes skews their ratio; here the three run
 * in alternating 100 ms slices in one JVM, and each is reported by its best slice (the one least
 * disturbed) and its median.
 *
 * <p>Run: {@code java -cp bench/target/benchmarks.jar io.merapi.bench.KeccakInterleaved [rounds]}.
 */
public final class KeccakInterleaved {
  private static final long SLICE_NANOS = 100_000_000L;
  private static final int WARMUP_ROUNDS = 5;

  private KeccakInterleaved() {}

  @FunctionalInterface
  private interface Digest {
    void run(byte[] input, byte[] out) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    for (int size : new int[] {32, 136, 16_384}) {
      measure(size, rounds);
    }
  }

  private static void measure(int size, int rounds) throws Exception {
    byte[] input = new byte[size];
    new Random(size).nextBytes(input);
    byte[] out = new byte[32];
    MessageDigest jdk = MessageDigest.getInstance("SHA3-256");
    KeccakDigest bc = new KeccakDigest(256);
    Map<String, Digest> digests = new LinkedHashMap<>();
    digests.put("merapi", (in, o) -> Keccak256.hash(in, 0, in.length, o, 0));
    digests.put(
        "bouncyCastle",
        (in, o) -> {
          bc.update(in, 0, in.length);
          bc.doFinal(o, 0);
        });
    digests.put(
        "jdkSha3",
        (in, o) -> {
          jdk.update(in, 0, in.length);
          jdk.digest(o, 0, 32);
        });
    Map<String, List<Double>> speeds = new LinkedHashMap<>();
    digests.keySet().forEach(name -> speeds.put(name, new ArrayList<>()));
    for (int round = 0; round < WARMUP_ROUNDS + rounds; round++) {
      for (Map.Entry<String, Digest> entry : digests.entrySet()) {
        Digest digest = entry.getValue();
        long count = 0;
        long start = System.nanoTime();
        long now;
        do {
          for (int i = 0; i < 64; i++) {
            digest.run(input, out);
          }
          count += 64;
          now = System.nanoTime();
        } while (now - start < SLICE_NANOS);
        if (round >= WARMUP_ROUNDS) {
          speeds.get(entry.getKey()).add(count * (double) size / ((now - start) / 1e9) / 1e6);
        }
      }
    }
    double jdkBest = Collections.max(speeds.get("jdkSha3"));
    double bcBest = Collections.max(speeds.get("bouncyCastle"));
    for (Map.Entry<String, List<Double>> entry : speeds.entrySet()) {
      List<Double> s = entry.getValue();
      Collections.sort(s);
      double best = s.get(s.size() - 1);
      System.out.printf(
          "%6d B  %-12s best %7.1f MB/s  median %7.1f MB/s  best vs JDK %.2fx  vs BC %.2fx%n",
          size, entry.getKey(), best, s.get(s.size() / 2), best / jdkBest, best / bcBest);
    }
  }
}
