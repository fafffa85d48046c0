package io.merapi.batcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.batcher.channel.L1Fees;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The L1 fees {@code auto} data availability compares: the suggested tip ({@code
 * eth_maxPriorityFeePerGas}), the head's base fee and the blob base fee ({@code eth_blobBaseFee}).
 */
final class L1FeeReader implements Supplier<L1Fees>, AutoCloseable {
  private final RpcClient rpc;

  L1FeeReader(URI l1, Duration timeout) {
    this.rpc = HttpRpcClient.create(l1, RpcClientOptions.defaults().withTimeout(timeout));
  }

  @Override
  public L1Fees get() {
    BigInteger tip = quantity(rpc.call("eth_maxPriorityFeePerGas"));
    JsonNode head = rpc.call("eth_getBlockByNumber", "latest", false);
    BigInteger baseFee = quantity(head.get("baseFeePerGas"));
    BigInteger blobBaseFee = quantity(rpc.call("eth_blobBaseFee"));
    return new L1Fees(tip, baseFee, blobBaseFee);
  }

  private static BigInteger quantity(JsonNode json) {
    if (json == null || !json.isTextual() || !json.asText().startsWith("0x")) {
      throw new IllegalStateException("the L1 answered " + json + " where a quantity was expected");
    }
    return new BigInteger(json.asText().substring(2), 16);
  }

  @Override
  public void close() {
    rpc.close();
  }
}
