package io.merapi.state.tool.statetest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One named test of an ethereum/tests state-test file (GeneralStateTests format): environment,
 * pre-state, a transaction template with data/gas/value variants, and expected post-states per
 * fork. Kept as the parsed JSON; {@link StateTestRunner} builds what it needs per case.
 */
public record StateTest(String name, JsonNode json) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** One expected post-state: {@code index} into the fork's list. */
  public record Case(String fork, int index) {}

  /** The tests of a file, in file order. */
  public static List<StateTest> read(Path file) throws IOException {
    JsonNode root = MAPPER.readTree(file.toFile());
    if (root == null || !root.isObject()) {
      throw new IOException(file + " is not a state-test file (no JSON object)");
    }
    List<StateTest> tests = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : root.properties()) {
      JsonNode test = e.getValue();
      if (test.has("post") && test.has("transaction") && test.has("pre") && test.has("env")) {
        tests.add(new StateTest(e.getKey(), test));
      }
    }
    return tests;
  }

  /** Every (fork, index) post-state of the test, in file order. */
  public List<Case> cases() {
    List<Case> cases = new ArrayList<>();
    for (Map.Entry<String, JsonNode> fork : json.get("post").properties()) {
      for (int i = 0; i < fork.getValue().size(); i++) {
        cases.add(new Case(fork.getKey(), i));
      }
    }
    return cases;
  }
}
