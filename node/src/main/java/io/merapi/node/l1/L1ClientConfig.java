package io.merapi.node.l1;

import io.merapi.rpc.client.RetryPolicy;
import java.util.Objects;

/**
 * How the rollup node reads its L1 ({@code --l1.*} flags of op-node).
 *
 * @param trustRpc {@code --l1.trustrpc}: take block hashes and transaction lists as the node gives
 *     them instead of checking them against the header (faster; only for a node you run)
 * @param rpcKind {@code --l1.rpckind}: which receipt methods to try
 * @param maxBatchSize {@code --l1.rpc-max-batch-size}: most calls in one JSON-RPC batch
 * @param blockCacheSize how many block references and headers to keep, by hash
 * @param bodyCacheSize how many blocks' transactions and receipts to keep, by hash
 * @param retry backoff for temporary failures
 */
public record L1ClientConfig(
    boolean trustRpc,
    RpcKind rpcKind,
    int maxBatchSize,
    int blockCacheSize,
    int bodyCacheSize,
    RetryPolicy retry) {
  public L1ClientConfig {
    Objects.requireNonNull(rpcKind, "rpcKind");
    Objects.requireNonNull(retry, "retry");
    if (maxBatchSize < 1 || blockCacheSize < 1 || bodyCacheSize < 1) {
      throw new IllegalArgumentException("batch and cache sizes must be positive");
    }
  }

  /**
   * op-node's defaults: untrusted, {@code standard} receipts, batches of 20. The caches hold a bit
   * more than a sequencing window of a mainnet chain (3,600 L1 blocks) of references, and enough
   * bodies for the blocks derivation is reading now.
   */
  public static L1ClientConfig defaults() {
    return new L1ClientConfig(false, RpcKind.STANDARD, 20, 4_000, 256, RetryPolicy.defaults());
  }

  public L1ClientConfig withTrustRpc(boolean value) {
    return new L1ClientConfig(value, rpcKind, maxBatchSize, blockCacheSize, bodyCacheSize, retry);
  }

  public L1ClientConfig withRpcKind(RpcKind value) {
    return new L1ClientConfig(trustRpc, value, maxBatchSize, blockCacheSize, bodyCacheSize, retry);
  }

  public L1ClientConfig withMaxBatchSize(int value) {
    return new L1ClientConfig(trustRpc, rpcKind, value, blockCacheSize, bodyCacheSize, retry);
  }

  public L1ClientConfig withCacheSizes(int blocks, int bodies) {
    return new L1ClientConfig(trustRpc, rpcKind, maxBatchSize, blocks, bodies, retry);
  }

  public L1ClientConfig withRetry(RetryPolicy value) {
    return new L1ClientConfig(
        trustRpc, rpcKind, maxBatchSize, blockCacheSize, bodyCacheSize, value);
  }
}
