package io.merapi.state.tool.statetest;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.testing.TestData;
import io.merapi.evm.ForkRules;
import io.merapi.evm.Tracer;
import io.merapi.types.config.Fork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * All of ethereum/tests' GeneralStateTests for every fork this EVM implements (Berlin to Cancun;
 * the files' post-states are mostly Cancun), one test per file, files in parallel. Every case must
 * pass; the summary line gives the counts.
 */
@Execution(ExecutionMode.CONCURRENT)
class GeneralStateTestsIT {
  private static final AtomicInteger CASES = new AtomicInteger();
  private static final AtomicInteger CANCUN = new AtomicInteger();
  private static final AtomicInteger SKIPPED = new AtomicInteger();

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
    for (StateTest test : StateTest.read(file)) {
      for (StateTest.Case c : test.cases()) {
        boolean supported = Fork.fromName(c.fork()).flatMap(ForkRules::of).isPresent();
        if (!supported) {
          SKIPPED.incrementAndGet();
          continue;
        }
        StateTestResult result = StateTestRunner.run(test, c, Tracer.NONE);
        CASES.incrementAndGet();
        if (c.fork().equals("Cancun")) {
          CANCUN.incrementAndGet();
        }
        if (!result.pass()) {
          failures.add(
              test.name() + " [" + c.fork() + " #" + c.index() + "]: " + result.error().orElse(""));
        }
      }
    }
    assertThat(failures).isEmpty();
  }

  @AfterAll
  static void summary() {
    System.out.printf(
        "GeneralStateTests: %d cases run (%d Cancun), %d pre-Berlin cases not applicable%n",
        CASES.get(), CANCUN.get(), SKIPPED.get());
  }
}
