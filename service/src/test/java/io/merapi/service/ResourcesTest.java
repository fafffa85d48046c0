package io.merapi.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  @Test
  void closesInReverseOrderPastAFailureAndOnlyOnce() {
    List<String> closed = new ArrayList<>();
    Resources resources = new Resources();
    AutoCloseable client = resources.add(() -> closed.add("client"));
    resources.add(
        () -> {
          closed.add("loop");
          throw new IllegalStateException("stuck");
        });
    resources.add(() -> closed.add("server"));

    resources.close();
    resources.close();

    assertThat(closed).containsExactly("server", "loop", "client");
    assertThat(client).isNotNull();
  }
}
