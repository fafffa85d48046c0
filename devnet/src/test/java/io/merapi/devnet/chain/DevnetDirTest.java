package io.merapi.devnet.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.merapi.execution.genesis.GenesisBlock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetDirTest {
  @TempDir Path tmp;

  @Test
  void aSecondOpenWhileHeldFails() {
    Path root = tmp.resolve("devnet");
    try (DevnetDir held = DevnetDir.open(root, false)) {
      assertThat(held.root()).isEqualTo(root.toAbsolutePath());
      assertThatThrownBy(() -> DevnetDir.open(root, false))
          .hasMessageContaining("another devnet is running on");
      assertThatThrownBy(() -> DevnetDir.open(root, true))
          .hasMessageContaining("another devnet is running on");
    }
    DevnetDir.open(root, false).close(); // released
  }

  @Test
  void aDirectoryOfSomethingElseIsNeitherUsedNorEmptied() throws Exception {
    Path root = tmp.resolve("project");
    Files.createDirectories(root.resolve("src"));
    Files.writeString(root.resolve("pom.xml"), "<project/>");
    assertThatThrownBy(() -> DevnetDir.open(root, true))
        .hasMessageContaining("is not a devnet's directory (it holds pom.xml, src)");
    assertThat(root.resolve("pom.xml")).exists();
    assertThat(root.resolve("LOCK")).doesNotExist();
  }

  @Test
  void theHomeDirectoryIsRefused() {
    assertThatThrownBy(() -> DevnetDir.open(Path.of(System.getProperty("user.home")), true))
        .hasMessageContaining("choose a directory of its own");
  }

  @Test
  void chainFilesAreWrittenOnceReadBackAndFreshForgetsThem() throws Exception {
    Path root = tmp.resolve("devnet");
    ChainFiles files = DevnetGenesis.build(ChainSettings.defaults(), 1_700_000_000L);
    try (DevnetDir dir = DevnetDir.open(root, false)) {
      assertThat(dir.read()).isEmpty();
      dir.write(files);
      dir.writeInfo(JsonNodeFactory.instance.objectNode().put("a", 1));
      Files.createDirectories(dir.engine(true).resolve("chaindata"));
    }
    try (DevnetDir dir = DevnetDir.open(root, false)) {
      ChainFiles back = dir.read().orElseThrow();
      assertThat(back.settings()).isEqualTo(files.settings());
      assertThat(GenesisBlock.of(back.l1Genesis()).hash()).isEqualTo(files.l1GenesisHash());
      assertThat(back.rollup().rollup()).isEqualTo(files.rollup().rollup());
      assertThat(back.rollup().l1()).isEqualTo(files.rollup().l1());
      assertThat(GenesisBlock.of(back.rollup().l2Genesis()).hash())
          .isEqualTo(files.l2GenesisHash());
      assertThat(dir.infoFile()).exists();
    }
    try (DevnetDir dir = DevnetDir.open(root, true)) {
      assertThat(dir.read()).isEmpty();
      try (var entries = Files.list(root)) {
        assertThat(entries.map(p -> p.getFileName().toString())).containsExactly("LOCK");
      }
    }
  }

  @Test
  void aDirectoryWithoutSettingsHoldsNoChainYet() throws Exception {
    Path root = tmp.resolve("devnet");
    Files.createDirectories(root.resolve("rollup"));
    try (DevnetDir dir = DevnetDir.open(root, false)) {
      assertThat(dir.read()).isEmpty();
    }
  }
}
