package io.merapi.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The EVM workloads of {@code ../shared/perf/peers/workloads.mjs}, byte for byte: snailtracer and
 * the rest of evmone's main suite from the shared test data (callee code at {@code transaction.to},
 * each {@code transaction.data[i]}), and the two hand-assembled loops.
 */
public final class EvmWorkloads {
  /** Runtime code and calldata of one workload. */
  public record Workload(String name, byte[] code, byte[] input) {}

  private EvmWorkloads() {}

  /** keccak-loop-n: hashes 32 bytes of memory n times, storing each digest back. */
  public static byte[] keccakLoop(int n) {
    return Hex.decode("0x62" + p3(n) + "5b6020600020600052600190038060045760206000f3");
  }

  /** fib-loop-n: n iterations of a Fibonacci step on the stack. */
  public static byte[] fibLoop(int n) {
    return Hex.decode(
        "0x6000600162" + p3(n) + "5b918101909160019003806008575060005250" + "60206000f3");
  }

  private static String p3(int n) {
    return String.format("%06x", n);
  }

  public static Path testData() {
    String configured = System.getProperty("merapi.testdata");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("MERAPI_TESTDATA");
    }
    if (configured == null || configured.isBlank()) {
      configured = "../shared/testdata";
    }
    return Path.of(configured).toAbsolutePath().normalize();
  }

  /** All workloads by name, in the peers' order. */
  public static Map<String, Workload> all() {
    Map<String, Workload> all = new LinkedHashMap<>();
    Path main = testData().resolve("evm-benchmarks/benchmarks/main");
    for (Workload w : fromStateTest(main.resolve("snailtracer.json"), "snailtracer", false)) {
      all.put(w.name(), w);
    }
    all.put("keccak-loop-200k", new Workload("keccak-loop-200k", keccakLoop(200_000), new byte[0]));
    all.put("fib-loop-1M", new Workload("fib-loop-1M", fibLoop(1_000_000), new byte[0]));
    try (Stream<Path> files = Files.list(main)) {
      for (Path file :
          files
              .filter(f -> f.toString().endsWith(".json"))
              .filter(f -> !f.getFileName().toString().equals("snailtracer.json"))
              .sorted()
              .toList()) {
        String base = file.getFileName().toString().replace(".json", "");
        for (Workload w : fromStateTest(file, base, true)) {
          all.put(w.name(), w);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + main, e);
    }
    return all;
  }

  private static List<Workload> fromStateTest(Path file, String name, boolean indexed) {
    try {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      Iterator<JsonNode> tests = root.elements();
      JsonNode test = tests.next();
      JsonNode tx = test.get("transaction");
      String to = tx.get("to").asText();
      byte[] code = Hex.decode(test.get("pre").get(to).get("code").asText());
      List<Workload> out = new ArrayList<>();
      JsonNode data = tx.get("data");
      for (int i = 0; i < data.size(); i++) {
        String n = indexed ? name + "/" + i : name;
        out.add(new Workload(n, code, Hex.decode(data.get(i).asText())));
        if (!indexed) {
          break;
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }
}
