package io.merapi.state.tool.statetest;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.testing.TestData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The execution-spec-tests state tests of fusaka-devnet-5 (Prague and Osaka post-states). Every
 * case must run and pass, and the number run per fork is asserted so that a fork whose cases were
 * skipped or lost shows up as a failure.
 */
@Execution(ExecutionMode.CONCURRENT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EestStateTestsIT {
  /** The Prague cases of the suite, every one of which must run and pass. */
  private static final int PRAGUE_CASES = 142;

  /** The Osaka cases of the suite, every one of which must run and pass. */
  private static final int OSAKA_CASES = 1_088;

  private static final StateTestTally TALLY = new StateTestTally();

  private static final String SUITE = "ethereum-tests/eest-fusaka-devnet-5/state_tests";

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
  void everyCaseRan() {
    TestData.require(SUITE); // a clone without the data skips here too (CI fails)
    System.out.println(TALLY.summary("eest-fusaka-devnet-5"));
    assertThat(TALLY.ran("Prague")).isEqualTo(PRAGUE_CASES);
    assertThat(TALLY.ran("Osaka")).isEqualTo(OSAKA_CASES);
  }
}
