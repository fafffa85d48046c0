package io.merapi.base.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the outside conformance data ({@code ../shared/testdata} next to the project, or the
 * directory named by the {@code merapi.testdata} system property or {@code MERAPI_TESTDATA}
 * environment variable). A test that needs data which is absent is skipped with a message saying
 * where it looked, never passed silently — except in CI ({@code CI} set, as {@code .ci/run} does),
 * where every machine has the data: there a missing folder or suite fails the test, so that a CI
 * that lost its data cannot go green by skipping every conformance suite.
 */
public final class TestData {
  private TestData() {}

  public static Path root() {
    String configured = System.getProperty("merapi.testdata");
    if (configured == null || configured.isBlank()) {
      configured = System.getenv("MERAPI_TESTDATA");
    }
    if (configured == null || configured.isBlank()) {
      configured = "../shared/testdata";
    }
    return Path.of(configured).toAbsolutePath().normalize();
  }

  /**
   * The path under the test data root; if it does not exist, the calling test is skipped, or fails
   * in CI.
   */
  public static Path require(String relative) {
    return require(root().resolve(relative), inCi());
  }

  static Path require(Path path, boolean ci) {
    if (Files.exists(path)) {
      return path;
    }
    String problem =
        "outside test data not found at "
            + path
            + " (set -Dmerapi.testdata or MERAPI_TESTDATA to the shared testdata directory)";
    if (ci) {
      throw new AssertionError(problem + "; CI must run the conformance suites, not skip them");
    }
    assumeTrue(false, problem);
    return path;
  }

  /** CI systems set {@code CI} (GitHub Actions, GitLab, .ci/run) to {@code true} or {@code 1}. */
  static boolean inCi() {
    String ci = System.getenv("CI");
    return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
  }
}
