package io.merapi.execution.blocktest;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.testing.TestData;
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
 * ethereum/tests' BlockchainTests ValidBlocks and InvalidBlocks (network Cancun), one test per
 * file, files in parallel, each through {@link BlockTestRunner} as {@code merapi evm blocktest}
 * runs them. Every test must pass; the summary line gives the counts.
 */
@Execution(ExecutionMode.CONCURRENT)
class BlockchainTestsIT {
  private static final AtomicInteger VALID = new AtomicInteger();
  private static final AtomicInteger INVALID = new AtomicInteger();

  static Stream<Path> validFiles() throws IOException {
    return files("ethereum-tests/BlockchainTests/ValidBlocks");
  }

  static Stream<Path> invalidFiles() throws IOException {
    return files("ethereum-tests/BlockchainTests/InvalidBlocks");
  }

  private static Stream<Path> files(String relative) throws IOException {
    Path root = TestData.require(relative);
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(p -> p.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFiles")
  void validBlocks(Path file) throws IOException {
    VALID.addAndGet(runAll(file));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFiles")
  void invalidBlocks(Path file) throws IOException {
    INVALID.addAndGet(runAll(file));
  }

  private static int runAll(Path file) throws IOException {
    List<String> failures = new ArrayList<>();
    List<BlockTest> tests = BlockTest.read(file);
    for (BlockTest test : tests) {
      BlockTestResult result = BlockTestRunner.run(test);
      if (!result.pass()) {
        failures.add(test.name() + ": " + result.error().orElse(""));
      }
    }
    assertThat(failures).isEmpty();
    assertThat(tests).isNotEmpty();
    return tests.size();
  }

  @AfterAll
  static void summary() {
    System.out.printf(
        "BlockchainTests: %d ValidBlocks tests and %d InvalidBlocks tests passed%n",
        VALID.get(), INVALID.get());
  }
}
