package io.merapi.execution.genesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.testing.TestData;
import io.merapi.types.config.Genesis;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class GenesisJsonTest {

  @Test
  void aWrittenGenesisReadsBackToTheSameBlock() throws Exception {
    Path dir = TestData.require("rpc-compat");
    Genesis original = Genesis.read(dir.resolve("genesis.json"));
    Genesis reread = Genesis.fromJson(GenesisJson.toJson(original));
    assertThat(reread).isEqualTo(original);
    assertThat(GenesisBlock.of(reread).hash()).isEqualTo(GenesisBlock.of(original).hash());
  }
}
