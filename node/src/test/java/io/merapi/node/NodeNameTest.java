package io.merapi.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.node.driver.DriverConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two rollup nodes in one process (a devnet's sequencer and verifier) log from threads that say
 * which node they belong to. The nodes start without their L1 and engine (they wait for them).
 */
class NodeNameTest {
  @TempDir Path dir;

  private NodeConfig config(Path jwt) {
    URI nowhere = URI.create("http://127.0.0.1:1/");
    return new NodeConfig(
        nowhere,
        Optional.empty(),
        true,
        false,
        "standard",
        nowhere,
        jwt,
        Networks.rollupConfig("op-sepolia"),
        "127.0.0.1",
        0,
        false,
        new DriverConfig(false, false, 0, 0, Duration.ofSeconds(1)),
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  private static boolean threadNamed(String name) {
    return Thread.getAllStackTraces().keySet().stream()
        .anyMatch(t -> t.isAlive() && t.getName().equals(name));
  }

  @Test
  void aNamedNodesDriverThreadCarriesItsName() throws Exception {
    Path jwt = dir.resolve("jwt");
    Files.writeString(jwt, "0x" + "11".repeat(32));
    NodeConfig unnamed = config(jwt);
    assertThat(unnamed.name()).isEmpty();
    assertThat(unnamed.threadName("driver")).isEqualTo("driver");
    RollupNodeService verifier = RollupNodeService.start(unnamed.withName("verifier"));
    try {
      assertThat(threadNamed("verifier-driver")).isTrue();
    } finally {
      verifier.close();
    }
    assertThat(threadNamed("verifier-driver")).as("stopped with its node").isFalse();
  }
}
