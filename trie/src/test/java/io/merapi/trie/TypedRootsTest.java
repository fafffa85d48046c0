package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.testing.TestData;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.block.Withdrawal;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The block roots through the {@code types} module, as the chain will compute them: blocks decoded
 * into transactions and withdrawals, each re-encoded by its type (transactions' EIP-2718 form,
 * receipts' trie form), then the ordered-list root. {@link BlockRootsTest} and {@link
 * ReceiptRootsTest} check the same roots from raw RLP, without the types.
 */
class TypedRootsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestFactory
  Stream<DynamicTest> validBlocksThroughTypes() throws IOException {
    Path dir = TestData.require("ethereum-tests/BlockchainTests/ValidBlocks");
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        tests.add(DynamicTest.dynamicTest(dir.relativize(file).toString(), () -> checkFile(file)));
      }
    }
    assertThat(tests).hasSizeGreaterThan(200);
    return tests.stream();
  }

  private static void checkFile(Path file) throws IOException {
    JsonNode root = JSON.readTree(file.toFile());
    for (Map.Entry<String, JsonNode> test : root.properties()) {
      checkBlock(Block.decode(Hex.decode(test.getValue().get("genesisRLP").asText())));
      for (JsonNode block : test.getValue().get("blocks")) {
        if (block.has("rlp") && block.has("blockHeader")) {
          Block decoded = Block.decode(Hex.decode(block.get("rlp").asText()));
          assertThat(decoded.hash().toHex())
              .isEqualTo(block.get("blockHeader").get("hash").asText());
          checkBlock(decoded);
        }
      }
    }
  }

  private static void checkBlock(Block block) {
    Header header = block.header();
    assertThat(OrderedListRoot.of(block.transactions().stream().map(Transaction::encoded).toList()))
        .as("transactionsRoot of block %d", block.number())
        .isEqualTo(header.transactionsRoot());
    block
        .withdrawals()
        .ifPresent(
            withdrawals ->
                assertThat(
                        OrderedListRoot.of(
                            withdrawals.stream().map(TypedRootsTest::encode).toList()))
                    .as("withdrawalsRoot of block %d", block.number())
                    .isEqualTo(header.withdrawalsRoot().orElseThrow()));
  }

  private static byte[] encode(Withdrawal withdrawal) {
    RlpWriter writer = new RlpWriter(64);
    withdrawal.writeTo(writer);
    return writer.toByteArray();
  }

  @Test
  void rpcCompatReceiptsThroughTypes() throws IOException {
    Path dir = TestData.require("rpc-compat");
    Map<Long, Block> blocks = new HashMap<>();
    RlpReader chain = RlpReader.of(Files.readAllBytes(dir.resolve("chain.rlp")));
    while (chain.hasNext()) {
      Block block = Block.readFrom(chain);
      blocks.put(block.number(), block);
      checkBlock(block);
    }

    List<Receipt> raw = new ArrayList<>();
    result(dir.resolve("debug_getRawReceipts/get-block-n.io"))
        .forEach(r -> raw.add(Receipt.decode(Hex.decode(r.asText()))));
    assertThat(receiptsRoot(raw)).isEqualTo(blocks.get(3L).header().receiptsRoot());

    int checked = 1;
    for (String name : List.of("get-block-receipts-n.io", "get-block-receipts-latest.io")) {
      List<Receipt> receipts = new ArrayList<>();
      long number = -1;
      for (JsonNode json : result(dir.resolve("eth_getBlockReceipts").resolve(name))) {
        RpcReceipt receipt = Json.mapper().treeToValue(json, RpcReceipt.class);
        receipts.add(receipt.receipt());
        number = receipt.blockNumber();
      }
      assertThat(receiptsRoot(receipts))
          .as("receiptsRoot of block %d", number)
          .isEqualTo(blocks.get(number).header().receiptsRoot());
      checked++;
    }
    assertThat(checked).isEqualTo(3);
  }

  private static Hash receiptsRoot(List<Receipt> receipts) {
    return OrderedListRoot.of(receipts.stream().map(Receipt::trieEncoded).toList());
  }

  private static JsonNode result(Path file) throws IOException {
    String line =
        Files.readAllLines(file).stream().filter(l -> l.startsWith("<<")).findFirst().orElseThrow();
    return JSON.readTree(line.substring(2)).get("result");
  }
}
