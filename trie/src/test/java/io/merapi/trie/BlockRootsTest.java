package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ethereum/tests BlockchainTests/ValidBlocks: for every block, the transactions root and (from
 * Shanghai) the withdrawals root recomputed from the block's own RLP equal its header's. The block
 * is read at the RLP level only (header fields by position, Yellow Paper 4.3 and EIPs 1559, 4895,
 * 4844, 4788): a legacy transaction's trie value is its RLP list, a typed one's its EIP-2718
 * envelope, a withdrawal's its RLP list. Receipts are not in the files (they come from executing
 * the block), so receipt roots are checked only for blocks without transactions (the empty root).
 */
class BlockRootsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int TRANSACTIONS_ROOT = 4;
  private static final int RECEIPTS_ROOT = 5;
  private static final int WITHDRAWALS_ROOT = 16;

  record Block(String name, byte[] rlp, String headerHash) {}

  @TestFactory
  Stream<DynamicTest> transactionAndWithdrawalRootsOfEveryBlock() throws IOException {
    Path dir = TestData.require("ethereum-tests/BlockchainTests/ValidBlocks");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode root = JSON.readTree(file.toFile());
        List<Block> blocks = new ArrayList<>();
        for (Map.Entry<String, JsonNode> test : root.properties()) {
          String prefix = dir.relativize(file) + ":" + test.getKey();
          JsonNode genesis = test.getValue().get("genesisRLP");
          blocks.add(
              new Block(
                  prefix + "#genesis",
                  Hex.decode(genesis.asText()),
                  test.getValue().get("genesisBlockHeader").get("hash").asText()));
          int n = 0;
          for (JsonNode block : test.getValue().get("blocks")) {
            n++;
            if (block.has("rlp") && block.has("blockHeader")) {
              blocks.add(
                  new Block(
                      prefix + "#" + n,
                      Hex.decode(block.get("rlp").asText()),
                      block.get("blockHeader").get("hash").asText()));
            }
          }
        }
        String name = dir.relativize(file).toString();
        tests.add(DynamicTest.dynamicTest(name, () -> blocks.forEach(BlockRootsTest::check)));
      }
    }
    assertThat(tests).hasSizeGreaterThan(200);
    return tests.stream();
  }

  private static void check(Block block) {
    RlpReader outer = RlpReader.of(block.rlp);
    RlpReader fields = outer.readList();
    outer.ensureEnd();
    byte[] headerRlp = fields.readRaw();
    assertThat(Keccak256.digest(headerRlp))
        .as(block.name)
        .isEqualTo(Hash.fromHex(block.headerHash));
    List<byte[]> header = new ArrayList<>();
    RlpReader headerFields = RlpReader.of(headerRlp).readList();
    while (headerFields.hasNext()) {
      header.add(headerFields.readRaw());
    }

    List<byte[]> transactions = new ArrayList<>();
    RlpReader txs = fields.readList();
    while (txs.hasNext()) {
      transactions.add(txs.nextIsList() ? txs.readRaw() : txs.readBytes());
    }
    fields.skip(); // ommers
    assertThat(OrderedListRoot.of(transactions))
        .as("%s transactionsRoot (%d transactions)", block.name, transactions.size())
        .isEqualTo(hashField(header.get(TRANSACTIONS_ROOT)));
    if (transactions.isEmpty()) {
      assertThat(hashField(header.get(RECEIPTS_ROOT))).isEqualTo(MerklePatriciaTrie.EMPTY_ROOT);
    }

    if (fields.hasNext()) {
      List<byte[]> withdrawals = new ArrayList<>();
      RlpReader list = fields.readList();
      while (list.hasNext()) {
        withdrawals.add(list.readRaw());
      }
      assertThat(OrderedListRoot.of(withdrawals))
          .as("%s withdrawalsRoot (%d withdrawals)", block.name, withdrawals.size())
          .isEqualTo(hashField(header.get(WITHDRAWALS_ROOT)));
    }
    fields.ensureEnd();
  }

  private static Hash hashField(byte[] raw) {
    return RlpReader.of(raw).readHash();
  }
}
