package io.merapi.batcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.types.block.Block;
import io.merapi.types.block.BlockBody;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcBlock;
import io.merapi.types.json.RpcTransaction;
import io.merapi.types.transaction.Transaction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The sequencer's unsafe blocks from its engine's {@code eth_getBlockByNumber} with full
 * transactions (as op-batcher's {@code BlockByNumber}); each block's hash is recomputed from its
 * header and must be the one the engine names.
 */
final class L2BlockReader implements AutoCloseable {
  private final URI endpoint;
  private final RpcClient rpc;

  L2BlockReader(URI endpoint, Duration timeout) {
    this.endpoint = endpoint;
    this.rpc = HttpRpcClient.create(endpoint, RpcClientOptions.defaults().withTimeout(timeout));
  }

  /** The block at {@code number}, or empty past the engine's head. */
  Optional<Block> blockByNumber(long number) {
    JsonNode json = rpc.call("eth_getBlockByNumber", Hex.quantity(number), true);
    if (json == null || json.isNull()) {
      return Optional.empty();
    }
    RpcBlock rpcBlock;
    try {
      rpcBlock = Json.mapper().treeToValue(json, RpcBlock.class);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException(
          "eth_getBlockByNumber "
              + number
              + " at "
              + endpoint
              + ": malformed block: "
              + e.getMessage(),
          e);
    }
    if (!(rpcBlock.transactions() instanceof RpcBlock.Full full)) {
      throw new IllegalStateException(
          "eth_getBlockByNumber "
              + number
              + " at "
              + endpoint
              + " returned hashes, not transactions");
    }
    List<Transaction> txs = full.transactions().stream().map(RpcTransaction::transaction).toList();
    Block block =
        new Block(rpcBlock.header(), new BlockBody(txs, List.of(), rpcBlock.withdrawals()));
    if (block.number() != number) {
      throw new IllegalStateException(
          "eth_getBlockByNumber "
              + number
              + " at "
              + endpoint
              + " returned block "
              + block.number());
    }
    if (json.hasNonNull("hash")
        && !block.hash().toHex().equalsIgnoreCase(json.get("hash").asText())) {
      throw new IllegalStateException(
          "L2 block "
              + number
              + " from "
              + endpoint
              + " hashes to "
              + block.hash()
              + ", not the "
              + json.get("hash").asText()
              + " the engine names");
    }
    return Optional.of(block);
  }

  @Override
  public void close() {
    rpc.close();
  }
}
