package io.merapi.batcher;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.types.block.Block;
import io.merapi.types.json.Json;
import io.merapi.types.json.RpcBlock;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The sequencer's unsafe blocks from its engine's {@code eth_getBlockByNumber} with full
 * transactions (as op-batcher's {@code BlockByNumber}); reading the JSON checks that each block's
 * header hashes to the {@code hash} the engine names.
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
    Block block;
    try {
      block = Json.mapper().treeToValue(json, RpcBlock.class).toBlock();
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
    if (block.number() != number) {
      throw new IllegalStateException(
          "eth_getBlockByNumber "
              + number
              + " at "
              + endpoint
              + " returned block "
              + block.number());
    }
    return Optional.of(block);
  }

  @Override
  public void close() {
    rpc.close();
  }
}
