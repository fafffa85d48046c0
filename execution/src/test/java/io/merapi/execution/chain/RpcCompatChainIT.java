package io.merapi.execution.chain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.base.testing.TestData;
import io.merapi.storage.RocksDbConfig;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.types.block.Block;
import io.merapi.types.config.Genesis;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution-apis rpc-compat chain end to end, as hive sets it up: genesis.json written to a
 * RocksDB store (its hash must be the first block's parent), chain.rlp imported block by block
 * (each validated, executed and checked against its own header, each the parent of the next), the
 * head made the one {@code headfcu.json} names, and the canonical chain read back byte for byte.
 */
class RpcCompatChainIT {
  @TempDir Path directory;

  @Test
  void initAndImportReproduceTheChain() throws Exception {
    Path data = TestData.require("rpc-compat");
    Genesis genesis = Genesis.read(data.resolve("genesis.json"));
    List<Block> blocks = new ArrayList<>();
    try (ChainFile.Reader reader = new ChainFile.Reader(data.resolve("chain.rlp"))) {
      Optional<Block> next;
      while ((next = reader.next()).isPresent()) {
        blocks.add(next.get());
      }
    }
    Hash headFcu =
        Hash.fromHex(
            new ObjectMapper()
                .readTree(data.resolve("headfcu.json").toFile())
                .at("/params/0/headBlockHash")
                .asText());

    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, RocksDbConfig.small())) {
      Blockchain chain = Blockchain.initialize(store, genesis);
      Hash parent = chain.genesis().hash();
      for (Block block : blocks) {
        assertThat(block.header().parentHash()).isEqualTo(parent);
        ImportResult result = chain.importBlockAsHead(block);
        assertThat(result.block().hash()).isEqualTo(block.hash());
        parent = block.hash();
      }
      assertThat(chain.head().hash()).isEqualTo(headFcu);
      assertThat(chain.head().number()).isEqualTo(blocks.size());
    }
    try (RocksDbKeyValueStore store = RocksDbKeyValueStore.open(directory, RocksDbConfig.small())) {
      Blockchain chain = Blockchain.open(store);
      assertThat(chain.head().hash()).isEqualTo(headFcu);
      ByteArrayOutputStream exported = new ByteArrayOutputStream();
      for (long n = 1; n <= chain.head().number(); n++) {
        exported.writeBytes(chain.block(n).orElseThrow().encoded());
      }
      assertThat(exported.toByteArray()).isEqualTo(Files.readAllBytes(data.resolve("chain.rlp")));
      for (Block block : blocks) {
        for (int i = 0; i < block.transactions().size(); i++) {
          assertThat(chain.transactionLocation(block.transactions().get(i).hash()))
              .contains(new TransactionLocation(block.hash(), block.number(), i));
        }
        assertThat(chain.receipts(block.hash()).orElseThrow()).hasSize(block.transactions().size());
      }
      FlatStateCheck.verify(store, chain.head().header().stateRoot());
    }
  }
}
