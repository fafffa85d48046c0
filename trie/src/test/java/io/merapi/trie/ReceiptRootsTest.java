package io.merapi.trie;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.testing.TestData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Receipt roots, which ethereum/tests cannot check without executing blocks, from the
 * execution-apis rpc-compat chain: its blocks ({@code chain.rlp}) carry receiptsRoot in their
 * headers, and the suite's answers give the receipts of some of them, raw ({@code
 * debug_getRawReceipts}) or as JSON ({@code eth_getBlockReceipts}, {@code
 * eth_getTransactionReceipt}), from which the consensus encoding is rebuilt: type || rlp([status,
 * cumulativeGasUsed, logsBloom, logs]) (EIP-2718, Yellow Paper 4.3.1). Every block's transactions
 * root is checked too.
 */
class ReceiptRootsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Block(long number, Hash transactionsRoot, Hash receiptsRoot, List<byte[]> transactions) {}

  @Test
  void receiptAndTransactionRootsOfTheRpcCompatChain() throws IOException {
    Path dir = TestData.require("rpc-compat");
    Map<Long, Block> blocks = readChain(Files.readAllBytes(dir.resolve("chain.rlp")));
    assertThat(blocks).hasSizeGreaterThan(10);
    for (Block block : blocks.values()) {
      assertThat(OrderedListRoot.of(block.transactions))
          .as("transactionsRoot of block %d", block.number)
          .isEqualTo(block.transactionsRoot);
    }

    int checked = 0;
    JsonNode raw = result(dir.resolve("debug_getRawReceipts/get-block-n.io"));
    List<byte[]> rawReceipts = new ArrayList<>();
    raw.forEach(r -> rawReceipts.add(Hex.decode(r.asText())));
    assertThat(OrderedListRoot.of(rawReceipts)).isEqualTo(blocks.get(3L).receiptsRoot);
    checked++;

    Map<Long, List<JsonNode>> byBlock = new HashMap<>();
    for (Path file : ioFiles(dir.resolve("eth_getBlockReceipts"))) {
      JsonNode receipts = result(file);
      if (receipts.isArray() && !receipts.isEmpty()) {
        List<JsonNode> list = new ArrayList<>();
        receipts.forEach(list::add);
        byBlock.put(Hex.parseQuantity(list.getFirst().get("blockNumber").asText()), list);
      }
    }
    for (Path file : ioFiles(dir.resolve("eth_getTransactionReceipt"))) {
      JsonNode receipt = result(file);
      if (receipt.isObject()) {
        long number = Hex.parseQuantity(receipt.get("blockNumber").asText());
        if (blocks.get(number).transactions.size() == 1) {
          byBlock.put(number, List.of(receipt));
        }
      }
    }
    for (Map.Entry<Long, List<JsonNode>> e : byBlock.entrySet()) {
      List<byte[]> encoded = e.getValue().stream().map(ReceiptRootsTest::encodeReceipt).toList();
      assertThat(OrderedListRoot.of(encoded))
          .as("receiptsRoot of block %d", e.getKey())
          .isEqualTo(blocks.get(e.getKey()).receiptsRoot);
      checked++;
    }
    System.out.println(
        "chain blocks " + blocks.size() + ", receipt roots " + checked + " " + byBlock.keySet());
    assertThat(checked).as("blocks 1, 3 and 20").isEqualTo(3);
  }

  private static byte[] encodeReceipt(JsonNode r) {
    RlpWriter out = new RlpWriter();
    out.startList()
        .writeLong(Hex.parseQuantity(r.get("status").asText()))
        .writeLong(Hex.parseQuantity(r.get("cumulativeGasUsed").asText()))
        .writeBytes(Hex.decode(r.get("logsBloom").asText()))
        .startList();
    for (JsonNode log : r.get("logs")) {
      out.startList().writeBytes(Hex.decode(log.get("address").asText())).startList();
      for (JsonNode topic : log.get("topics")) {
        out.writeBytes(Hex.decode(topic.asText()));
      }
      out.endList().writeBytes(Hex.decode(log.get("data").asText())).endList();
    }
    byte[] payload = out.endList().endList().toByteArray();
    long type = Hex.parseQuantity(r.get("type").asText());
    if (type == 0) {
      return payload;
    }
    byte[] typed = new byte[payload.length + 1];
    typed[0] = (byte) type;
    System.arraycopy(payload, 0, typed, 1, payload.length);
    return typed;
  }

  /** chain.rlp: blocks one after another; header fields by position (Yellow Paper 4.3). */
  private static Map<Long, Block> readChain(byte[] chain) {
    Map<Long, Block> blocks = new HashMap<>();
    RlpReader reader = RlpReader.of(chain);
    while (reader.hasNext()) {
      RlpReader block = reader.readList();
      RlpReader header = block.readList();
      List<byte[]> fields = new ArrayList<>();
      while (header.hasNext()) {
        fields.add(header.readRaw());
      }
      List<byte[]> transactions = new ArrayList<>();
      RlpReader txs = block.readList();
      while (txs.hasNext()) {
        transactions.add(txs.nextIsList() ? txs.readRaw() : txs.readBytes());
      }
      long number = RlpReader.of(fields.get(8)).readLong();
      blocks.put(
          number,
          new Block(
              number,
              RlpReader.of(fields.get(4)).readHash(),
              RlpReader.of(fields.get(5)).readHash(),
              transactions));
    }
    return blocks;
  }

  private static List<Path> ioFiles(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".io")).sorted().toList();
    }
  }

  private static JsonNode result(Path file) throws IOException {
    String line =
        Files.readAllLines(file).stream().filter(l -> l.startsWith("<<")).findFirst().orElseThrow();
    JsonNode response = JSON.readTree(line.substring(2));
    return response.has("result") ? response.get("result") : JSON.nullNode();
  }
}
