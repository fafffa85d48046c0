package io.merapi.state.tool.statetest;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.testing.TestData;
import java.io.IOException;
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

  private static final String SUITE = "ethereum-tests/GeneralStateTests";

  static Stream<Path> files() throws IOException {
    return StateTestTally.files(SUITE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  void passes(Path file) throws IOException {
    List<String> failures = new ArrayList<>();
    TALLY.run(file, failures);
    assertThat(failures).isEmpty();
  }

  @AfterAll
  static void everyCaseRan() {
    TestData.require(SUITE); // a clone without the data skips here too (CI fails)
    System.out.println(TALLY.summary("GeneralStateTests"));
    // The suite's cases per fork: a fork's count that moves means cases were lost or misread.
    assertThat(TALLY.ran("Cancun")).isEqualTo(20_969);
    assertThat(TALLY.ran("Shanghai")).isEqualTo(171);
    assertThat(TALLY.ran("Paris")).isEqualTo(62);
    assertThat(TALLY.ran("London")).isEqualTo(39);
    assertThat(TALLY.ran("Berlin")).isEqualTo(35);
    assertThat(TALLY.beforeBerlin()).isEqualTo(166);
  }
}
