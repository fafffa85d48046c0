package io.merapi.base.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

class TestDataTest {
  @TempDir Path dir;

  @Test
  void presentDataIsReturnedInAndOutOfCi() {
    assertThat(TestData.require(dir, false)).isEqualTo(dir);
    assertThat(TestData.require(dir, true)).isEqualTo(dir);
  }

  @Test
  void missingDataSkipsOnAClone() {
    Path missing = dir.resolve("GeneralStateTests");
    assertThatThrownBy(() -> TestData.require(missing, false))
        .isInstanceOf(TestAbortedException.class)
        .hasMessageContaining(missing.toString());
  }

  @Test
  void missingDataFailsInCi() {
    Path missing = dir.resolve("GeneralStateTests");
    assertThatThrownBy(() -> TestData.require(missing, true))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("CI must run the conformance suites");
  }
}
