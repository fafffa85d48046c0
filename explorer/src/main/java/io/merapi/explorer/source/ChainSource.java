package io.merapi.explorer.source;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.explorer.Chain;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcLog;
import io.merapi.types.json.RpcReceipt;
import io.merapi.types.json.RpcTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One chain's public JSON-RPC ({@code eth_*}), as the pages and the index read it: typed answers,
 * {@link Optional#empty()} for what the node does not have.
 */
public final class ChainSource implements BlockSource, AutoCloseable {
  private final Chain chain;
  private final RpcEndpoint rpc;

  public ChainSource(Chain chain, RpcEndpoint rpc) {
    this.chain = chain;
    this.rpc = rpc;
  }

  @Override
  public Chain chain() {
    return chain;
  }

  public RpcEndpoint endpoint() {
    return rpc;
  }

  /** {@code eth_blockNumber}. */
  @Override
  public long blockNumber() {
    return quantity(rpc.call("eth_blockNumber"), "eth_blockNumber");
  }

  /** The block at {@code number} with full transactions, if the chain has one there. */
  @Override
  public Optional<RpcBlock> block(long number) {
    return read(rpc.call("eth_getBlockByNumber", Hex.quantity(number), true), RpcBlock.class);
  }

  public Optional<RpcBlock> block(Hash hash) {
    return read(rpc.call("eth_getBlockByHash", hash.toHex(), true), RpcBlock.class);
  }

  @Override
  public Optional<RpcBlock> blockHeader(long number) {
    return read(rpc.call("eth_getBlockByNumber", Hex.quantity(number), false), RpcBlock.class);
  }

  public Optional<RpcBlock> blockHeader(Hash hash) {
    return read(rpc.call("eth_getBlockByHash", hash.toHex(), false), RpcBlock.class);
  }

  /** The hash of the canonical block at {@code number}. */
  @Override
  public Optional<Hash> blockHash(long number) {
    return blockHeader(number).map(b -> b.header().hash());
  }

  public Optional<RpcTransaction> transaction(Hash hash) {
    return read(rpc.call("eth_getTransactionByHash", hash.toHex()), RpcTransaction.class);
  }

  public Optional<RpcReceipt> receipt(Hash hash) {
    return read(rpc.call("eth_getTransactionReceipt", hash.toHex()), RpcReceipt.class);
  }

  /** {@code eth_getLogs} of one block (by hash) and one emitter. */
  public List<RpcLog> logs(Hash blockHash, Address emitter) {
    JsonNode answer =
        rpc.call("eth_getLogs", Map.of("blockHash", blockHash.toHex(), "address", emitter.toHex()));
    if (answer == null || !answer.isArray()) {
      throw badAnswer("eth_getLogs", "not an array", null);
    }
    List<RpcLog> logs = new ArrayList<>(answer.size());
    for (JsonNode element : answer) {
      logs.add(read(element, RpcLog.class).orElseThrow(() -> badAnswer("log", "null", null)));
    }
    return logs;
  }

  /** {@code eth_getLogs} of one block (by hash) and several emitters. */
  public List<RpcLog> logs(Hash blockHash, List<Address> emitters) {
    return logList(
        rpc.call(
            "eth_getLogs",
            Map.of(
                "blockHash",
                blockHash.toHex(),
                "address",
                emitters.stream().map(Address::toHex).toList())));
  }

  /**
   * {@code eth_getLogs} of one emitter over blocks {@code from…to}, with topics to match ({@code
   * null} for any).
   */
  public List<RpcLog> logs(Address emitter, long from, long to, List<Hash> topics) {
    Map<String, Object> filter = new java.util.LinkedHashMap<>();
    filter.put("address", emitter.toHex());
    filter.put("fromBlock", Hex.quantity(from));
    filter.put("toBlock", Hex.quantity(to));
    List<String> topicList = new ArrayList<>();
    for (Hash topic : topics) {
      topicList.add(topic == null ? null : topic.toHex());
    }
    filter.put("topics", topicList);
    return logList(rpc.call("eth_getLogs", filter));
  }

  private List<RpcLog> logList(JsonNode answer) {
    if (answer == null || !answer.isArray()) {
      throw badAnswer("eth_getLogs", "not an array", null);
    }
    List<RpcLog> logs = new ArrayList<>(answer.size());
    for (JsonNode element : answer) {
      logs.add(read(element, RpcLog.class).orElseThrow(() -> badAnswer("log", "null", null)));
    }
    return logs;
  }

  /**
   * {@code eth_call} of {@code data} to {@code to} at the latest block: the return data.
   *
   * @throws io.merapi.rpc.RpcException when the call reverts
   */
  public byte[] call(Address to, Bytes data) {
    JsonNode answer =
        rpc.call("eth_call", Map.of("to", to.toHex(), "data", data.toHex()), "latest");
    if (answer == null || !answer.isTextual()) {
      throw badAnswer("eth_call", "not a hex string: " + answer, null);
    }
    try {
      return Hex.decode(answer.asText());
    } catch (IllegalArgumentException e) {
      throw badAnswer("eth_call", e.getMessage(), e);
    }
  }

  public UInt256 balance(Address address) {
    JsonNode answer = rpc.call("eth_getBalance", address.toHex(), "latest");
    try {
      return UInt256.fromQuantity(answer.asText());
    } catch (IllegalArgumentException e) {
      throw badAnswer("eth_getBalance", e.getMessage(), e);
    }
  }

  public long nonce(Address address) {
    return quantity(
        rpc.call("eth_getTransactionCount", address.toHex(), "latest"), "eth_getTransactionCount");
  }

  public Bytes code(Address address) {
    JsonNode answer = rpc.call("eth_getCode", address.toHex(), "latest");
    try {
      return Bytes.fromHex(answer.asText());
    } catch (IllegalArgumentException e) {
      throw badAnswer("eth_getCode", e.getMessage(), e);
    }
  }

  private long quantity(JsonNode answer, String method) {
    try {
      return Hex.parseQuantity(answer.asText());
    } catch (IllegalArgumentException e) {
      throw badAnswer(method, e.getMessage(), e);
    }
  }

  private <T> Optional<T> read(JsonNode answer, Class<T> type) {
    if (answer == null || answer.isNull()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().treeToValue(answer, type));
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw badAnswer(type.getSimpleName(), e.getMessage(), e);
    }
  }

  private RpcTransportException badAnswer(String what, String message, Throwable cause) {
    return new RpcTransportException(
        RpcTransportException.Kind.BAD_RESPONSE,
        chain.label() + " answered a " + what + " that cannot be read: " + message,
        cause);
  }

  @Override
  public void close() {
    rpc.close();
  }
}
