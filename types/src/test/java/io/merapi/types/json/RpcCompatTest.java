package io.merapi.types.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.testing.TestData;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The execution-apis rpc-compat chain (the suite hive runs against every client) as a check of the
 * types: every block of {@code chain.rlp} decodes and re-encodes exactly, and the JSON a client
 * must return for blocks, transactions, receipts and logs is what our JSON views produce from the
 * decoded chain, and reads back to the same JSON.
 */
class RpcCompatTest {
  private static final ObjectMapper PLAIN = new ObjectMapper();
  private static final ObjectMapper MAPPER = Json.mapper();

  private static Path dir;
  private static byte[] chainRlp;
  private static List<Block> blocks;
  private static final Map<Hash, Block> BY_HASH = new LinkedHashMap<>();

  @BeforeAll
  static void loadChain() throws IOException {
    dir = TestData.require("rpc-compat");
    chainRlp = Files.readAllBytes(dir.resolve("chain.rlp"));
    RlpReader reader = RlpReader.of(chainRlp);
    blocks = new ArrayList<>();
    while (reader.hasNext()) {
      Block block = Block.readFrom(reader);
      blocks.add(block);
      BY_HASH.put(block.hash(), block);
    }
  }

  @Test
  void chainDecodesAndReencodesExactly() {
    assertThat(blocks).hasSizeGreaterThan(10);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < blocks.size(); i++) {
      Block block = blocks.get(i);
      assertThat(block.number()).isEqualTo(i + 1);
      if (i > 0) {
        assertThat(block.header().parentHash()).isEqualTo(blocks.get(i - 1).hash());
      }
      out.writeBytes(block.encoded());
      assertThat(Block.decode(block.encoded())).isEqualTo(block);
    }
    assertThat(out.toByteArray()).isEqualTo(chainRlp);
  }

  record Exchange(String name, JsonNode request, JsonNode response) {
    @Override
    public String toString() {
      return name;
    }
  }

  @TestFactory
  Stream<DynamicTest> blocks() throws IOException {
    return cases("eth_getBlockByNumber", "eth_getBlockByHash")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      JsonNode expected = c.response().get("result");
                      Block block = BY_HASH.get(Hash.fromHex(expected.get("hash").asText()));
                      if (block == null) {
                        // The genesis block is not in chain.rlp; it still round-trips.
                        assertRoundTrip(expected, RpcBlock.class);
                        return;
                      }
                      boolean full = c.request().get("params").get(1).asBoolean();
                      RpcBlock view = RpcBlock.of(block, full, List.of());
                      JsonNode actual = MAPPER.valueToTree(view);
                      assertThat(actual).isEqualTo(expected);
                      assertRoundTrip(expected, RpcBlock.class);
                      assertToBlock(expected, block, full);
                    }));
  }

  /**
   * A full view reads back to the block (the chain has no ommers to lose); a hashes-only view of a
   * block with transactions cannot be one.
   */
  private static void assertToBlock(JsonNode json, Block block, boolean full) throws IOException {
    RpcBlock view = MAPPER.treeToValue(json, RpcBlock.class);
    if (full || block.transactions().isEmpty()) {
      assertThat(view.toBlock()).isEqualTo(block);
    } else {
      assertThatThrownBy(view::toBlock)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("transaction hashes only");
    }
  }

  @TestFactory
  Stream<DynamicTest> transactions() throws IOException {
    return cases(
            "eth_getTransactionByHash",
            "eth_getTransactionByBlockHashAndIndex",
            "eth_getTransactionByBlockNumberAndIndex")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      JsonNode expected = c.response().get("result");
                      Block block = BY_HASH.get(Hash.fromHex(expected.get("blockHash").asText()));
                      int index =
                          (int) Hex.parseQuantity(expected.get("transactionIndex").asText());
                      Transaction tx = block.transactions().get(index);
                      RpcTransaction view =
                          RpcTransaction.included(
                              tx,
                              block.hash(),
                              block.number(),
                              index,
                              block.header().baseFeePerGas(),
                              Optional.empty());
                      JsonNode actual = MAPPER.valueToTree(view);
                      assertThat(actual).isEqualTo(expected);
                      assertRoundTrip(expected, RpcTransaction.class);
                    }));
  }

  @TestFactory
  Stream<DynamicTest> receipts() throws IOException {
    return cases("eth_getTransactionReceipt", "eth_getBlockReceipts")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      JsonNode result = c.response().get("result");
                      List<JsonNode> receipts = new ArrayList<>();
                      if (result.isArray()) {
                        result.forEach(receipts::add);
                      } else {
                        receipts.add(result);
                      }
                      for (JsonNode expected : receipts) {
                        assertRoundTrip(expected, RpcReceipt.class);
                        RpcReceipt receipt = MAPPER.treeToValue(expected, RpcReceipt.class);
                        Block block = BY_HASH.get(receipt.blockHash());
                        Transaction tx = block.transactions().get((int) receipt.transactionIndex());
                        assertThat(receipt.transactionHash()).isEqualTo(tx.hash());
                        assertThat(receipt.from()).isEqualTo(tx.sender());
                        assertThat(receipt.receipt().type()).isEqualTo(tx.type());
                        assertThat(receipt.receipt().logsBloom())
                            .isEqualTo(Receipt.bloomOf(receipt.receipt().logs()));
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> logs() throws IOException {
    return cases("eth_getLogs")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      for (JsonNode expected : c.response().get("result")) {
                        assertRoundTrip(expected, RpcLog.class);
                      }
                    }));
  }

  @TestFactory
  Stream<DynamicTest> rawForms() throws IOException {
    return cases(
            "debug_getRawBlock",
            "debug_getRawHeader",
            "debug_getRawTransaction",
            "debug_getRawReceipts")
        .map(
            c ->
                DynamicTest.dynamicTest(
                    c.name(),
                    () -> {
                      String method = c.request().get("method").asText();
                      JsonNode result = c.response().get("result");
                      switch (method) {
                        case "debug_getRawBlock" -> {
                          byte[] raw = Hex.decode(result.asText());
                          assertThat(Block.decode(raw).encoded()).isEqualTo(raw);
                        }
                        case "debug_getRawHeader" -> {
                          byte[] raw = Hex.decode(result.asText());
                          assertThat(Header.decode(raw).encoded()).isEqualTo(raw);
                        }
                        case "debug_getRawTransaction" -> {
                          byte[] raw = Hex.decode(result.asText());
                          Transaction tx = TransactionDecoder.decode(raw);
                          assertThat(tx.hash().toHex())
                              .isEqualTo(c.request().get("params").get(0).asText());
                          assertThat(tx.encoded()).isEqualTo(raw);
                        }
                        default -> {
                          for (JsonNode item : result) {
                            byte[] raw = Hex.decode(item.asText());
                            Receipt receipt = Receipt.decode(raw);
                            assertThat(receipt.encoded()).isEqualTo(raw);
                            assertThat(receipt.trieEncoded()).isEqualTo(raw);
                          }
                        }
                      }
                    }));
  }

  private static <T> void assertRoundTrip(JsonNode expected, Class<T> type) throws IOException {
    T value = MAPPER.treeToValue(expected, type);
    JsonNode written = MAPPER.valueToTree(value);
    assertThat(written).isEqualTo(expected);
    assertThat(MAPPER.treeToValue(written, type)).isEqualTo(value);
  }

  /** The exchanges of the given methods whose response has a non-null result. */
  private static Stream<Exchange> cases(String... methods) throws IOException {
    List<Exchange> out = new ArrayList<>();
    for (String method : methods) {
      Path methodDir = dir.resolve(method);
      try (Stream<Path> files = Files.list(methodDir)) {
        for (Path file : files.sorted().toList()) {
          JsonNode request = null;
          for (String line : Files.readAllLines(file)) {
            if (line.startsWith(">> ")) {
              request = PLAIN.readTree(line.substring(3));
            } else if (line.startsWith("<< ")) {
              JsonNode response = PLAIN.readTree(line.substring(3));
              JsonNode result = response.get("result");
              if (result != null && !result.isNull()) {
                out.add(new Exchange(method + "/" + file.getFileName(), request, response));
              }
            }
          }
        }
      }
    }
    assertThat(out).isNotEmpty();
    return out.stream();
  }
}
