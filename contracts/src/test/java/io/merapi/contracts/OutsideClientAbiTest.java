package io.merapi.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.contracts.codegen.AbiJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Outside clients work against Merapi's contracts unchanged: every function, event and custom error
 * that viem's OP Stack actions and the Optimism SDK (versions pinned in src/test/js/package.json,
 * installed from the npm registry) use on the OP Stack contracts is present in Merapi's compiled
 * ABIs with the same signature — the same name and parameter types, the same return types for
 * functions, the same indexed parameters for events. The list of what the clients use comes from
 * the clients' own code and ABIs (src/test/js/outside-abis.mjs); uses that only apply to newer OP
 * contract versions than Merapi's, or whose failure the client tolerates, are reported but do not
 * fail the test. A report goes to target/outside-client-abi-report.txt.
 */
class OutsideClientAbiTest {
  private static final Path JS = Path.of("src/test/js");
  private static final Path ARTIFACTS = Path.of("src/main/artifacts");

  record Use(
      String client,
      String contract,
      String kind,
      String signature,
      String outputs,
      List<Boolean> indexed,
      boolean optional,
      String why) {}

  @Test
  void everyFunctionEventAndErrorTheClientsUseIsThere() throws Exception {
    List<Use> uses = clientUses();
    Map<String, AbiJson> ours = ourAbis();
    List<String> missing = new ArrayList<>();
    List<String> optionalMissing = new ArrayList<>();
    int present = 0;
    StringBuilder report = new StringBuilder();
    for (Use use : uses) {
      AbiJson abi = ours.get(use.contract());
      String problem = abi == null ? "no contract " + use.contract() : check(abi, use);
      String line =
          String.format(
              "%-5s %-24s %-8s %s%s",
              use.client(),
              use.contract(),
              use.kind(),
              use.signature(),
              problem == null ? "" : "  MISSING: " + problem);
      report.append(line).append("   [").append(use.why()).append("]\n");
      if (problem == null) {
        present++;
      } else if (use.optional()) {
        optionalMissing.add(line);
      } else {
        missing.add(line + " — " + use.why());
      }
    }
    String summary =
        String.format(
            "%d uses by viem and the Optimism SDK: %d present, %d required missing, %d optional"
                + " missing%n",
            uses.size(), present, missing.size(), optionalMissing.size());
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/outside-client-abi-report.txt"), summary + report);
    assertThat(uses).hasSizeGreaterThan(80);
    assertThat(missing).as(summary).isEmpty();
  }

  /** Why {@code use} is not served by {@code abi}, or null if it is. */
  private static String check(AbiJson abi, Use use) {
    switch (use.kind()) {
      case "function" -> {
        for (AbiJson.Function f : abi.functions()) {
          if (f.abi().signature().equals(use.signature())) {
            String outputs = f.abi().outputs().canonical();
            return outputs.equals(use.outputs()) ? null : "returns " + outputs;
          }
        }
        return "no such function";
      }
      case "event" -> {
        for (AbiJson.Event e : abi.events()) {
          if (e.abi().signature().equals(use.signature())) {
            List<Boolean> indexed = e.inputs().stream().map(AbiJson.Param::indexed).toList();
            return indexed.equals(use.indexed()) ? null : "indexed " + indexed;
          }
        }
        return "no such event";
      }
      case "error" -> {
        for (AbiJson.Error e : abi.errors()) {
          if (e.abi().signature().equals(use.signature())) {
            return null;
          }
        }
        return "no such error";
      }
      default -> throw new IllegalStateException("unknown kind " + use.kind());
    }
  }

  /** Merapi's ABIs by contract name. */
  private static Map<String, AbiJson> ourAbis() throws IOException {
    ObjectMapper json = new ObjectMapper();
    Map<String, AbiJson> abis = new HashMap<>();
    try (Stream<Path> files = Files.walk(ARTIFACTS)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode artifact = json.readTree(file.toFile());
        abis.put(artifact.path("contractName").asText(), AbiJson.parse(artifact.path("abi")));
      }
    }
    return abis;
  }

  /** Installs the pinned clients if needed and lists what they use. */
  private static List<Use> clientUses() throws Exception {
    if (!Files.exists(JS.resolve("node_modules/viem/package.json"))
        || !Files.exists(JS.resolve("node_modules/@eth-optimism/sdk/package.json"))) {
      run(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), 600);
    }
    String out = run(List.of("node", "outside-abis.mjs"), 120);
    List<Use> uses = new ArrayList<>();
    for (JsonNode u : new ObjectMapper().readTree(out)) {
      List<Boolean> indexed = new ArrayList<>();
      u.path("indexed").forEach(i -> indexed.add(i.asBoolean()));
      uses.add(
          new Use(
              u.path("client").asText(),
              u.path("contract").asText(),
              u.path("kind").asText(),
              u.path("signature").asText(),
              u.path("outputs").isNull() ? null : u.path("outputs").asText(),
              indexed,
              u.path("optional").asBoolean(),
              u.path("why").asText()));
    }
    return uses;
  }

  private static String run(List<String> command, long timeoutSeconds) throws Exception {
    Path out = Files.createTempFile("outside-abis", ".out");
    Path err = Files.createTempFile("outside-abis", ".err");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(JS.toFile())
              .redirectOutput(out.toFile())
              .redirectError(err.toFile())
              .start();
      if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(String.join(" ", command) + " did not finish in time");
      }
      if (process.exitValue() != 0) {
        throw new AssertionError(
            String.join(" ", command)
                + " failed ("
                + process.exitValue()
                + "): "
                + Files.readString(err));
      }
      return Files.readString(out, StandardCharsets.UTF_8);
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
