package io.merapi.node.l1;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.rlp.RlpException;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Header;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.receipt.Receipt;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a block's receipts as the L1 node returned them and checks them before derivation uses them
 * (op-service {@code validateReceipts}): one per transaction, each naming this block and its
 * transaction, gas and log indices consistent, and together the header's receipts root. The root is
 * checked even with {@code --l1.trustrpc}, as op-node does: deposits and batcher data are read from
 * receipts, and a node that loses or mixes up a receipt would make derivation skip a deposit.
 */
final class L1Receipts {
  private L1Receipts() {}

  /** The block the receipts belong to. */
  record Block(Hash hash, Header header, List<Hash> txHashes) {}

  /** Receipts given as JSON objects, checked field by field and against the receipts root. */
  static List<Receipt> fromJson(Block block, List<JsonNode> json) {
    if (json.size() != block.txHashes().size()) {
      throw mismatch(
          block,
          "got " + json.size() + " receipts for " + block.txHashes().size() + " transactions");
    }
    List<Receipt> receipts = new ArrayList<>(json.size());
    long logIndex = 0;
    long cumulativeGas = 0;
    for (int i = 0; i < json.size(); i++) {
      JsonNode node = json.get(i);
      if (node == null || !node.isObject()) {
        // A node that lost the block in a reorg while answering returns null receipts.
        throw mismatch(block, "receipt " + i + " is missing");
      }
      RpcReceipt receipt;
      try {
        receipt = Json.mapper().convertValue(node, RpcReceipt.class);
      } catch (IllegalArgumentException e) {
        throw mismatch(block, "receipt " + i + " is malformed: " + e.getMessage());
      }
      if (receipt.transactionIndex() != i) {
        throw mismatch(
            block, "receipt " + i + " has transaction index " + receipt.transactionIndex());
      }
      if (!receipt.blockHash().equals(block.hash())
          || receipt.blockNumber() != block.header().number()) {
        throw mismatch(
            block,
            "receipt " + i + " is for block " + receipt.blockNumber() + " " + receipt.blockHash());
      }
      if (!receipt.transactionHash().equals(block.txHashes().get(i))) {
        throw mismatch(
            block,
            "receipt "
                + i
                + " is for transaction "
                + receipt.transactionHash()
                + ", expected "
                + block.txHashes().get(i));
      }
      long cumulative = receipt.receipt().cumulativeGasUsed();
      if (receipt.gasUsed() != cumulative - cumulativeGas) {
        throw mismatch(
            block,
            "receipt "
                + i
                + " says gas used "
                + receipt.gasUsed()
                + " but its cumulative gas "
                + "grew by "
                + (cumulative - cumulativeGas));
      }
      cumulativeGas = cumulative;
      for (JsonNode log : node.path("logs")) {
        checkLog(block, i, logIndex, log);
        logIndex++;
      }
      receipts.add(receipt.receipt());
    }
    checkRoot(block, receipts);
    return List.copyOf(receipts);
  }

  private static void checkLog(Block block, int txIndex, long expectedIndex, JsonNode log) {
    String where = "log " + expectedIndex + " (of receipt " + txIndex + ")";
    try {
      if (quantity(log, "logIndex") != expectedIndex) {
        throw mismatch(block, where + " has log index " + log.path("logIndex").asText());
      }
      if (quantity(log, "transactionIndex") != txIndex
          || !hash(log, "transactionHash").equals(block.txHashes().get(txIndex))) {
        throw mismatch(block, where + " names another transaction");
      }
      if (!hash(log, "blockHash").equals(block.hash())
          || quantity(log, "blockNumber") != block.header().number()) {
        throw mismatch(block, where + " names another block");
      }
    } catch (IllegalArgumentException e) {
      throw mismatch(block, where + " is malformed: " + e.getMessage());
    }
    if (log.path("removed").asBoolean(false)) {
      throw mismatch(block, where + " is marked removed, but the block is canonical");
    }
  }

  /** Receipts given as their consensus encodings ({@code debug_getRawReceipts}). */
  static List<Receipt> fromRaw(Block block, JsonNode encodings) {
    if (!encodings.isArray()) {
      throw mismatch(block, "raw receipts are not a JSON array");
    }
    if (encodings.size() != block.txHashes().size()) {
      throw mismatch(
          block,
          "got " + encodings.size() + " receipts for " + block.txHashes().size() + " transactions");
    }
    List<Receipt> receipts = new ArrayList<>(encodings.size());
    for (int i = 0; i < encodings.size(); i++) {
      try {
        receipts.add(Receipt.decode(Hex.decode(encodings.get(i).asText())));
      } catch (RlpException | IllegalArgumentException e) {
        throw mismatch(block, "raw receipt " + i + " does not decode: " + e.getMessage());
      }
    }
    checkRoot(block, receipts);
    return List.copyOf(receipts);
  }

  private static void checkRoot(Block block, List<Receipt> receipts) {
    Hash root = OrderedListRoot.of(receipts.size(), i -> receipts.get(i).trieEncoded());
    if (!root.equals(block.header().receiptsRoot())) {
      throw mismatch(
          block,
          "the receipts have root "
              + root
              + " but the header says "
              + block.header().receiptsRoot());
    }
  }

  private static long quantity(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return Hex.parseQuantity(value.textValue());
  }

  private static Hash hash(JsonNode object, String field) {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "' is missing");
    }
    return Hash.fromHex(value.textValue());
  }

  private static L1DataException mismatch(Block block, String what) {
    return new L1DataException(
        "receipts of L1 block " + block.header().number() + " " + block.hash() + ": " + what);
  }
}
