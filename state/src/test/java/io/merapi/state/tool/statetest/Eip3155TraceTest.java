package io.merapi.state.tool.statetest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.testing.TestData;
import io.merapi.evm.Opcodes;
import io.merapi.evm.trace.Eip3155Tracer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EIP-3155 traces of a sample of GeneralStateTests (every 90th file): the same on every run, every
 * line well-formed JSON with the EIP's fields, and the gas of consecutive instructions in a frame
 * consistent with the reported costs.
 */
class Eip3155TraceTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> FRAME_OPS =
      Set.of(
          Opcodes.CALL,
          Opcodes.CALLCODE,
          Opcodes.DELEGATECALL,
          Opcodes.STATICCALL,
          Opcodes.CREATE,
          Opcodes.CREATE2);

  static Stream<Path> sample() throws IOException {
    Path root = TestData.require("ethereum-tests/GeneralStateTests");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = walk.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return Stream.iterate(0, i -> i < files.size(), i -> i + 90).map(files::get);
  }

  private static String trace(StateTest test, StateTest.Case c) {
    StringWriter out = new StringWriter();
    PrintWriter writer = new PrintWriter(out);
    StateTestRunner.run(test, c, new Eip3155Tracer(writer, true));
    writer.flush();
    return out.toString();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("sample")
  void tracesAreStableAndWellFormed(Path file) throws IOException {
    for (StateTest test : StateTest.read(file)) {
      StateTest.Case c =
          test.cases().stream().filter(x -> x.fork().equals("Cancun")).findFirst().orElse(null);
      if (c == null) {
        continue;
      }
      String first = trace(test, c);
      assertThat(trace(test, c)).isEqualTo(first);
      JsonNode previous = null;
      for (String line : first.lines().toList()) {
        JsonNode node = JSON.readTree(line);
        if (node.has("output")) {
          assertThat(node.get("gasUsed").asText()).startsWith("0x");
          previous = null;
          continue;
        }
        for (String field :
            List.of(
                "pc", "op", "gas", "gasCost", "memSize", "stack", "depth", "refund", "opName")) {
          assertThat(node.has(field)).as(field + " in " + line).isTrue();
        }
        assertThat(node.get("opName").asText()).isEqualTo(Opcodes.name(node.get("op").asInt()));
        if (previous != null
            && previous.get("depth").asInt() == node.get("depth").asInt()
            && !previous.has("error")
            && !FRAME_OPS.contains(previous.get("op").asInt())) {
          long gasBefore = Long.decode(previous.get("gas").asText());
          long cost = Long.decode(previous.get("gasCost").asText());
          assertThat(Long.decode(node.get("gas").asText()))
              .as("gas after " + previous)
              .isEqualTo(gasBefore - cost);
        }
        previous = node;
      }
    }
  }
}
