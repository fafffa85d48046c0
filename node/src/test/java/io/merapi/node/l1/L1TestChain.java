package io.merapi.node.l1;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.base.uint.UInt256;
import io.merapi.trie.OrderedListRoot;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.block.Header;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.receipt.Log;
import io.merapi.types.receipt.Receipt;
import io.merapi.types.transaction.AccessList;
import io.merapi.types.transaction.DynamicFeeTransaction;
import io.merapi.types.transaction.Transaction;
import io.merapi.types.transaction.TransactionType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A small L1 chain built in memory with consistent roots, served as a geth-like JSON-RPC node
 * would: blocks by number and hash (hashes or full transactions), {@code eth_getBlockReceipts},
 * {@code eth_getTransactionReceipt} and {@code debug_getRawReceipts}.
 */
final class L1TestChain {
  static final Secp256k1.PrivateKey KEY =
      Secp256k1.PrivateKey.fromHex(
          "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
  static final Address TO = Address.fromHex("0x00000000000000000000000000000000000000bb");

  record TestBlock(Block block, List<Receipt> receipts) {
    Hash hash() {
      return block.hash();
    }

    long number() {
      return block.number();
    }
  }

  final List<TestBlock> blocks = new ArrayList<>();
  final Map<Hash, TestBlock> byHash = new HashMap<>();
  private long nonce;

  /** A chain of blocks 0..n-1 with {@code txCounts[i]} transactions in block i. */
  L1TestChain(int... txCounts) {
    Hash parent = Hash.ZERO;
    for (int i = 0; i < txCounts.length; i++) {
      TestBlock block = block(i, parent, txCounts[i]);
      blocks.add(block);
      byHash.put(block.hash(), block);
      parent = block.hash();
    }
  }

  private TestBlock block(long number, Hash parent, int txCount) {
    List<Transaction> txs = new ArrayList<>();
    List<Receipt> receipts = new ArrayList<>();
    long gas = 0;
    for (int i = 0; i < txCount; i++) {
      Transaction tx =
          new DynamicFeeTransaction(
                  900,
                  nonce++,
                  UInt256.valueOf(1_000_000_000L),
                  UInt256.valueOf(20_000_000_000L),
                  30_000,
                  Optional.of(TO),
                  UInt256.valueOf(1000 + i),
                  Bytes.of((byte) i),
                  AccessList.EMPTY,
                  UInt256.ZERO,
                  UInt256.ZERO,
                  UInt256.ZERO)
              .sign(KEY);
      txs.add(tx);
      gas += 21_016;
      List<Log> logs =
          i % 2 == 1
              ? List.of(
                  new Log(
                      TO,
                      List.of(Hash.leftPad(new byte[] {(byte) i})),
                      Bytes.of((byte) 1, (byte) 2)))
              : List.of();
      receipts.add(Receipt.of(TransactionType.DYNAMIC_FEE, true, gas, logs));
    }
    Header header =
        Header.builder()
            .parentHash(parent)
            .number(number)
            .gasLimit(30_000_000)
            .gasUsed(gas)
            .timestamp(1_700_000_000L + 12 * number)
            .transactionsRoot(OrderedListRoot.of(txs.size(), i -> txs.get(i).encoded()))
            .receiptsRoot(OrderedListRoot.of(receipts.size(), i -> receipts.get(i).trieEncoded()))
            .logsBloom(Receipt.bloomOf(receipts.stream().flatMap(r -> r.logs().stream()).toList()))
            .baseFeePerGas(Optional.of(UInt256.valueOf(1_000_000_000L)))
            .withdrawalsRoot(Optional.of(Header.EMPTY_ROOT))
            .blobGasUsed(OptionalLong.of(0))
            .excessBlobGas(OptionalLong.of(0))
            .parentBeaconBlockRoot(Optional.of(Hash.ZERO))
            .build();
    return new TestBlock(
        new Block(header, new BlockBody(txs, List.of(), Optional.of(List.of()))), receipts);
  }

  JsonNode blockJson(TestBlock block, boolean full) {
    return Json.mapper().valueToTree(RpcBlock.of(block.block(), full, block.receipts()));
  }

  JsonNode receiptJson(TestBlock block, int index) {
    Transaction tx = block.block().transactions().get(index);
    Receipt receipt = block.receipts().get(index);
    long previous = index == 0 ? 0 : block.receipts().get(index - 1).cumulativeGasUsed();
    long firstLog = 0;
    for (int i = 0; i < index; i++) {
      firstLog += block.receipts().get(i).logs().size();
    }
    return Json.mapper()
        .valueToTree(
            new RpcReceipt(
                receipt,
                tx.hash(),
                index,
                block.hash(),
                block.number(),
                tx.sender(),
                tx.to(),
                receipt.cumulativeGasUsed() - previous,
                UInt256.valueOf(2_000_000_000L),
                Optional.empty(),
                firstLog,
                OptionalLong.empty(),
                Optional.empty(),
                Optional.empty()));
  }

  ArrayNode receiptsJson(TestBlock block) {
    ArrayNode out = JsonRpcTestServer.MAPPER.createArrayNode();
    for (int i = 0; i < block.block().transactions().size(); i++) {
      out.add(receiptJson(block, i));
    }
    return out;
  }

  /** The answers of a geth-like node for this chain; unknown methods get -32601. */
  JsonNode answer(String method, JsonNode params) {
    return switch (method) {
      case "eth_getBlockByNumber" -> {
        String tag = params.get(0).asText();
        long number =
            switch (tag) {
              case "latest" -> blocks.size() - 1;
              case "safe", "finalized" ->
                  throw new JsonRpcTestServer.Refusal(-32000, tag + " block not found");
              default -> Hex.parseQuantity(tag);
            };
        yield number < blocks.size()
            ? blockJson(blocks.get((int) number), params.get(1).asBoolean())
            : null;
      }
      case "eth_getBlockByHash" -> {
        TestBlock block = byHash.get(Hash.fromHex(params.get(0).asText()));
        yield block == null ? null : blockJson(block, params.get(1).asBoolean());
      }
      case "eth_getBlockReceipts" -> {
        TestBlock block = byHash.get(Hash.fromHex(params.get(0).asText()));
        yield block == null ? null : receiptsJson(block);
      }
      case "debug_getRawReceipts" -> {
        TestBlock block = byHash.get(Hash.fromHex(params.get(0).asText()));
        ArrayNode out = JsonRpcTestServer.MAPPER.createArrayNode();
        block.receipts().forEach(r -> out.add(Hex.encode(r.encoded())));
        yield out;
      }
      case "eth_getTransactionReceipt" -> {
        Hash hash = Hash.fromHex(params.get(0).asText());
        for (TestBlock block : blocks) {
          List<Transaction> txs = block.block().transactions();
          for (int i = 0; i < txs.size(); i++) {
            if (txs.get(i).hash().equals(hash)) {
              yield receiptJson(block, i);
            }
          }
        }
        yield null;
      }
      default ->
          throw new JsonRpcTestServer.Refusal(
              -32601, "the method " + method + " does not exist/is not available");
    };
  }
}
