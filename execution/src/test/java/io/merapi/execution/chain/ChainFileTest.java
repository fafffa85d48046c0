package io.merapi.execution.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.rlp.RlpException;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.types.block.Block;
import java.io.EOFException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainFileTest {
  @TempDir Path dir;

  @Test
  void blocksRoundTripAndBadFilesAreReported() throws Exception {
    TestChain test = new TestChain(4);
    Blockchain chain = Blockchain.initialize(new InMemoryKeyValueStore(), test.genesis);
    Random random = new Random(9);
    List<Block> blocks = new ArrayList<>();
    blocks.add(chain.block(0).orElseThrow());
    for (int i = 0; i < 3; i++) {
      SealedBlock sealed = test.build(chain, chain.head().hash(), random, 3);
      chain.importSealed(sealed, true);
      blocks.add(sealed.block());
    }
    Path file = dir.resolve("chain.rlp");
    try (ChainFile.Writer writer = new ChainFile.Writer(file)) {
      for (Block b : blocks) {
        writer.write(b);
      }
    }
    List<Block> read = new ArrayList<>();
    try (ChainFile.Reader reader = new ChainFile.Reader(file)) {
      Optional<Block> next;
      while ((next = reader.next()).isPresent()) {
        read.add(next.get());
      }
    }
    assertThat(read).isEqualTo(blocks);

    byte[] bytes = Files.readAllBytes(file);
    Path truncated = dir.resolve("truncated.rlp");
    Files.write(truncated, Arrays.copyOf(bytes, bytes.length - 5));
    assertThatThrownBy(() -> readAll(truncated)).isInstanceOf(EOFException.class);
    Path garbage = dir.resolve("garbage.rlp");
    Files.write(garbage, new byte[] {0x01, 0x02});
    assertThatThrownBy(() -> readAll(garbage))
        .isInstanceOf(RlpException.class)
        .hasMessageContaining("RLP list");
  }

  private static int readAll(Path file) throws Exception {
    int n = 0;
    try (ChainFile.Reader reader = new ChainFile.Reader(file)) {
      while (reader.next().isPresent()) {
        n++;
      }
    }
    return n;
  }
}
