package io.merapi.execution.blocktest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One named test of an ethereum/tests blockchain-test file: a network, a genesis header and
 * pre-state, blocks as RLP (some expected to fail), and the expected head and post-state. Kept as
 * the parsed JSON; {@link BlockTestRunner} reads what it needs.
 */
public record BlockTest(String name, JsonNode json) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The tests of a file, in file order. */
  public static List<BlockTest> read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException(file + " is not a blockchain-test file (no JSON object)");
    }
    List<BlockTest> tests = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode test = e.getValue();
      if (test.has("blocks") && test.has("genesisBlockHeader") && test.has("pre")) {
        tests.add(new BlockTest(e.getKey(), test));
      }
    }
    return tests;
  }

  public String network() {
    return json.path("network").asText("");
  }
}
