package io.merapi.execution.filter;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.execution.api.ArgFields;
import io.merapi.execution.api.ArgText;
import io.merapi.execution.api.BlockParam;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The argument of {@code eth_getLogs} and {@code eth_newFilter} (geth's {@code FilterCriteria}):
 * one block by hash, or a range of blocks ({@code latest} at either end when absent), and the
 * {@link LogFilter}. Parsed with geth's messages.
 */
public record LogCriteria(
    Optional<Hash> blockHash,
    Optional<BlockParam> fromBlock,
    Optional<BlockParam> toBlock,
    LogFilter filter) {

  /** geth's {@code maxTopics}: LOG4 has four. */
  static final int MAX_TOPICS = 4;

  /** geth's {@code maxAddresses} per query. */
  static final int MAX_ADDRESSES = 1000;

  /**
   * @throws IllegalArgumentException with geth's message
   */
  public static LogCriteria parse(JsonNode node) {
    ArgFields f = ArgFields.of(node, "filter");
    Optional<Hash> blockHash = f.hash("blockHash");
    Optional<BlockParam> from = f.node("fromBlock").map(LogCriteria::blockNumber);
    Optional<BlockParam> to = f.node("toBlock").map(LogCriteria::blockNumber);
    if (blockHash.isPresent() && (from.isPresent() || to.isPresent())) {
      throw new IllegalArgumentException(
          "cannot specify both BlockHash and FromBlock/ToBlock, choose one or the other");
    }
    List<Address> addresses = new ArrayList<>();
    Optional<JsonNode> address = f.node("address");
    if (address.isPresent()) {
      JsonNode a = address.get();
      if (a.isArray()) {
        for (int i = 0; i < a.size(); i++) {
          if (!a.get(i).isTextual()) {
            throw new IllegalArgumentException("non-string address at index " + i);
          }
          try {
            addresses.add(Address.wrap(hex(a.get(i).textValue(), Address.LENGTH)));
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                "invalid address at index " + i + ": " + e.getMessage());
          }
        }
      } else if (a.isTextual()) {
        try {
          addresses.add(Address.wrap(hex(a.textValue(), Address.LENGTH)));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("invalid address: " + e.getMessage());
        }
      } else {
        throw new IllegalArgumentException("invalid addresses in query");
      }
    }
    if (addresses.size() > MAX_ADDRESSES) {
      throw new IllegalArgumentException("exceed max addresses");
    }
    List<List<Hash>> topics = new ArrayList<>();
    Optional<JsonNode> topicsNode = f.node("topics");
    if (topicsNode.isPresent()) {
      JsonNode t = topicsNode.get();
      if (!t.isArray()) {
        throw f.problem("topics", ArgText.expected("an array", t));
      }
      if (t.size() > MAX_TOPICS) {
        throw new IllegalArgumentException("exceed max topics");
      }
      for (JsonNode position : t) {
        topics.add(position(position));
      }
    }
    return new LogCriteria(blockHash, from, to, new LogFilter(addresses, topics));
  }

  private static List<Hash> position(JsonNode position) {
    if (position.isNull()) {
      return List.of();
    }
    if (position.isTextual()) {
      return List.of(topic(position.textValue()));
    }
    if (position.isArray()) {
      List<Hash> alternatives = new ArrayList<>();
      for (JsonNode item : position) {
        if (item.isNull()) {
          return List.of(); // a null alternative matches anything
        }
        if (!item.isTextual()) {
          throw new IllegalArgumentException("invalid topic(s)");
        }
        alternatives.add(topic(item.textValue()));
      }
      return alternatives;
    }
    throw new IllegalArgumentException("invalid topic(s)");
  }

  private static Hash topic(String text) {
    return Hash.wrap(hex(text, Hash.LENGTH));
  }

  private static byte[] hex(String text, int length) {
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw new IllegalArgumentException("hex string without 0x prefix");
    }
    byte[] bytes;
    try {
      bytes = HexFormat.of().parseHex(text.substring(2));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid hex string");
    }
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          "hex string has length " + 2 * bytes.length + ", want " + 2 * length);
    }
    return bytes;
  }

  private static BlockParam blockNumber(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException(
          ArgText.expected("a block number or tag as a string", node));
    }
    BlockParam param = BlockParam.numberOrHash(node);
    if (param instanceof BlockParam.ByHash) {
      throw new IllegalArgumentException("hex number > 64 bits");
    }
    return param;
  }
}
