package io.merapi.state.tool.statetest;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All of ethereum/tests' GeneralStateTests (the files' post-states are mostly Cancun), one test per
 * file, files in parallel. Every case of Berlin or later must pass; the summary gives the counts
 * per fork.
 */
@Execution(ExecutionMode.CONCURRENT)
class GeneralStateTestsIT {
  private static final StateTestTally TALLY = new StateTestTally();

  static Stream<Path> files() throws IOException {
    Path root = TestData.require("ethereum-tests/GeneralStateTests");
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void passes(Path file) throws IOException {
    List<String> failures = new ArrayList<>();
    TALLY.run(file, failures);
    assertThat(failures).isEmpty();
  }

  @AfterAll
  static void summary() {
    System.out.println(TALLY.summary("GeneralStateTests"));
  }
}
