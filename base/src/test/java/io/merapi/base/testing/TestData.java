package io.merapi.base.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Finds the outside conformance data ({@code ../shared/testdata} next to the project, or the
 * directory named by the {@code merapi.testdata} system property or {@code MERAPI_TESTDATA}
 * environment variable). A test that needs data which is absent is skipped with a message saying
 * where it looked, never passed silently.
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

  /** The path under the test data root, skipping the calling test if it does not exist. */
  public static Path require(String relative) {
    Path path = root().resolve(relative);
    assumeTrue(
        Files.exists(path),
        "outside test data not found at "
            + path
            + " (set -Dmerapi.testdata or MERAPI_TESTDATA to the shared testdata directory)");
    return path;
  }
}
