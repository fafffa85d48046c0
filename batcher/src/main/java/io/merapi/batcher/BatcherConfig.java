package io.merapi.batcher;

import io.merapi.base.crypto.Secp256k1;
import io.merapi.batcher.channel.BatchType;
import io.merapi.batcher.channel.CompressorKind;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.service.txmgr.TxManagerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code merapi batcher} is started with (op-batcher's {@code CLIConfig}).
 *
 * @param l1EthRpc the L1's JSON-RPC ({@code --l1-eth-rpc})
 * @param l2EthRpc the sequencer's engine JSON-RPC, where unsafe blocks are read ({@code
 *     --l2-eth-rpc})
 * @param rollupRpc the sequencer's rollup node ({@code --rollup-rpc})
 * @param key the batcher's key: its address must be the rollup's batcher address
 * @param pollInterval how often the sync status is read and new blocks loaded
 * @param subSafetyMargin L1 blocks kept in hand before the sequencing window and channel timeout
 * @param maxChannelDuration the longest a channel stays open, in L1 blocks (0: no limit)
 * @param maxL1TxSizeBytes the largest calldata batcher transaction
 * @param targetNumFrames frames a channel aims at; blobs per blob transaction
 * @param approxComprRatio the ratio compressor's assumed compression ratio
 * @param txManager the transaction manager's settings, {@code maxPendingTx} included
 * @param stopped start without submitting until {@code admin_startBatcher}
 * @param rpcPort the admin RPC's port (0: a free one)
 * @param metricsPort the Prometheus endpoint's port, when metrics are enabled
 */
public record BatcherConfig(
    URI l1EthRpc,
    URI l2EthRpc,
    URI rollupRpc,
    Secp256k1.PrivateKey key,
    Duration pollInterval,
    long subSafetyMargin,
    long maxChannelDuration,
    int maxL1TxSizeBytes,
    int targetNumFrames,
    CompressorKind compressor,
    double approxComprRatio,
    CompressionAlgo compressionAlgo,
    BatchType batchType,
    DataAvailability dataAvailability,
    TxManagerConfig txManager,
    boolean stopped,
    String rpcAddr,
    int rpcPort,
    Optional<Integer> metricsPort,
    String metricsAddr) {

  public BatcherConfig {
    Objects.requireNonNull(l1EthRpc, "l1EthRpc");
    Objects.requireNonNull(l2EthRpc, "l2EthRpc");
    Objects.requireNonNull(rollupRpc, "rollupRpc");
    Objects.requireNonNull(key, "key");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive");
    }
    if (maxL1TxSizeBytes < 100) {
      throw new IllegalArgumentException(
          "--max-l1-tx-size-bytes " + maxL1TxSizeBytes + " cannot hold a frame");
    }
    if (targetNumFrames < 1) {
      throw new IllegalArgumentException("--target-num-frames must be at least 1");
    }
  }

  /**
   * op-batcher's defaults for everything but the endpoints and the key: 6 s polling, a margin of 10
   * L1 blocks, no max duration, 120,000-byte transactions, 1 frame, the shadow compressor with
   * zlib, singular batches, calldata, admin RPC on 8545 of localhost.
   */
  public static BatcherConfig defaults(
      URI l1EthRpc, URI l2EthRpc, URI rollupRpc, Secp256k1.PrivateKey key) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        Duration.ofSeconds(6),
        10,
        0,
        120_000,
        1,
        CompressorKind.SHADOW,
        0.6,
        CompressionAlgo.ZLIB,
        BatchType.SINGULAR,
        DataAvailability.CALLDATA,
        TxManagerConfig.defaults(),
        false,
        "127.0.0.1",
        8545,
        Optional.empty(),
        "0.0.0.0");
  }

  public BatcherConfig withPollInterval(Duration value) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        value,
        subSafetyMargin,
        maxChannelDuration,
        maxL1TxSizeBytes,
        targetNumFrames,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        dataAvailability,
        txManager,
        stopped,
        rpcAddr,
        rpcPort,
        metricsPort,
        metricsAddr);
  }

  /** The channel settings a test or the CLI varies together. */
  public BatcherConfig withChannels(
      long maxChannelDuration,
      int targetNumFrames,
      CompressionAlgo algo,
      BatchType type,
      DataAvailability da) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        pollInterval,
        subSafetyMargin,
        maxChannelDuration,
        maxL1TxSizeBytes,
        targetNumFrames,
        compressor,
        approxComprRatio,
        algo,
        type,
        da,
        txManager,
        stopped,
        rpcAddr,
        rpcPort,
        metricsPort,
        metricsAddr);
  }

  public BatcherConfig withCompressor(CompressorKind value) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        pollInterval,
        subSafetyMargin,
        maxChannelDuration,
        maxL1TxSizeBytes,
        targetNumFrames,
        value,
        approxComprRatio,
        compressionAlgo,
        batchType,
        dataAvailability,
        txManager,
        stopped,
        rpcAddr,
        rpcPort,
        metricsPort,
        metricsAddr);
  }

  public BatcherConfig withMaxL1TxSizeBytes(int value) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        pollInterval,
        subSafetyMargin,
        maxChannelDuration,
        value,
        targetNumFrames,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        dataAvailability,
        txManager,
        stopped,
        rpcAddr,
        rpcPort,
        metricsPort,
        metricsAddr);
  }

  public BatcherConfig withSubSafetyMargin(long value) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        pollInterval,
        value,
        maxChannelDuration,
        maxL1TxSizeBytes,
        targetNumFrames,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        dataAvailability,
        txManager,
        stopped,
        rpcAddr,
        rpcPort,
        metricsPort,
        metricsAddr);
  }

  public BatcherConfig withTxManager(TxManagerConfig value) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        pollInterval,
        subSafetyMargin,
        maxChannelDuration,
        maxL1TxSizeBytes,
        targetNumFrames,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        dataAvailability,
        value,
        stopped,
        rpcAddr,
        rpcPort,
        metricsPort,
        metricsAddr);
  }

  public BatcherConfig withRpc(String addr, int port) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        pollInterval,
        subSafetyMargin,
        maxChannelDuration,
        maxL1TxSizeBytes,
        targetNumFrames,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        dataAvailability,
        txManager,
        stopped,
        addr,
        port,
        metricsPort,
        metricsAddr);
  }

  /** Serves Prometheus metrics on {@code addr:port} (port 0: a free one). */
  public BatcherConfig withMetrics(String addr, int port) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        pollInterval,
        subSafetyMargin,
        maxChannelDuration,
        maxL1TxSizeBytes,
        targetNumFrames,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        dataAvailability,
        txManager,
        stopped,
        rpcAddr,
        rpcPort,
        Optional.of(port),
        addr);
  }

  public BatcherConfig withStopped(boolean value) {
    return new BatcherConfig(
        l1EthRpc,
        l2EthRpc,
        rollupRpc,
        key,
        pollInterval,
        subSafetyMargin,
        maxChannelDuration,
        maxL1TxSizeBytes,
        targetNumFrames,
        compressor,
        approxComprRatio,
        compressionAlgo,
        batchType,
        dataAvailability,
        txManager,
        value,
        rpcAddr,
        rpcPort,
        metricsPort,
        metricsAddr);
  }
}
