package io.merapi.cli;

import io.merapi.batcher.BatcherConfig;
import io.merapi.batcher.BatcherService;
import io.merapi.batcher.DataAvailability;
import io.merapi.batcher.channel.BatchType;
import io.merapi.batcher.channel.CompressorKind;
import io.merapi.derive.channel.CompressionAlgo;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi batcher}: the batch submitter, with op-batcher's flag names, defaults and {@code
 * OP_BATCHER_*} environment variables (a flag on the command line wins over its variable); the
 * signer and transaction-manager flags are op-service's, shared with the proposer ({@link
 * TxManagerFlags}).
 */
@Command(
    name = "batcher",
    mixinStandardHelpOptions = true,
    defaultValueProvider = BatcherCommand.Env.class,
    description = "Batch submitter: posts the sequencer's L2 blocks to L1, op-batcher flags.")
public final class BatcherCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--l1-eth-rpc",
      defaultValue = "${env:OP_BATCHER_L1_ETH_RPC}",
      description = "L1 JSON-RPC endpoint.")
  URI l1EthRpc;

  @Option(
      names = "--l2-eth-rpc",
      defaultValue = "${env:OP_BATCHER_L2_ETH_RPC}",
      description = "The sequencer's L2 engine JSON-RPC endpoint.")
  URI l2EthRpc;

  @Option(
      names = "--rollup-rpc",
      defaultValue = "${env:OP_BATCHER_ROLLUP_RPC}",
      description = "The sequencer's rollup node RPC endpoint.")
  URI rollupRpc;

  @Option(
      names = "--poll-interval",
      defaultValue = "${env:OP_BATCHER_POLL_INTERVAL:-6s}",
      description = "How often the sync status is polled (default: ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(
      names = "--sub-safety-margin",
      defaultValue = "${env:OP_BATCHER_SUB_SAFETY_MARGIN:-10}",
      description =
          "L1 blocks kept in hand before the sequencing window or channel timeout"
              + " (default: ${DEFAULT-VALUE}).")
  long subSafetyMargin;

  @Option(
      names = "--max-channel-duration",
      defaultValue = "${env:OP_BATCHER_MAX_CHANNEL_DURATION:-0}",
      description =
          "Longest a channel stays open, in L1 blocks; 0: no limit (default: ${DEFAULT-VALUE}).")
  long maxChannelDuration;

  @Option(
      names = "--max-l1-tx-size-bytes",
      defaultValue = "${env:OP_BATCHER_MAX_L1_TX_SIZE_BYTES:-120000}",
      description = "Largest calldata batcher transaction (default: ${DEFAULT-VALUE}).")
  int maxL1TxSizeBytes;

  @Option(
      names = "--target-num-frames",
      defaultValue = "${env:OP_BATCHER_TARGET_NUM_FRAMES:-1}",
      description = "Frames per channel; blobs per blob transaction (default: ${DEFAULT-VALUE}).")
  int targetNumFrames;

  @Option(
      names = "--approx-compr-ratio",
      defaultValue = "${env:OP_BATCHER_APPROX_COMPR_RATIO:-0.6}",
      description = "The ratio compressor's assumed compression ratio (default: ${DEFAULT-VALUE}).")
  double approxComprRatio;

  @Option(
      names = "--compressor",
      defaultValue = "${env:OP_BATCHER_COMPRESSOR:-shadow}",
      description = "ratio, shadow or none (default: ${DEFAULT-VALUE}).")
  String compressor;

  @Option(
      names = "--compression-algo",
      defaultValue = "${env:OP_BATCHER_COMPRESSION_ALGO:-zlib}",
      description = "zlib, brotli, brotli-9, brotli-10 or brotli-11 (default: ${DEFAULT-VALUE}).")
  String compressionAlgo;

  @Option(
      names = "--batch-type",
      defaultValue = "${env:OP_BATCHER_BATCH_TYPE:-0}",
      description = "0 or singular, 1 or span (default: ${DEFAULT-VALUE}).")
  String batchType;

  @Option(
      names = "--data-availability-type",
      defaultValue = "${env:OP_BATCHER_DATA_AVAILABILITY_TYPE:-calldata}",
      description = "calldata, blobs or auto (default: ${DEFAULT-VALUE}).")
  String dataAvailability;

  @Option(
      names = "--max-pending-tx",
      defaultValue = "${env:OP_BATCHER_MAX_PENDING_TX:-1}",
      description =
          "Batcher transactions in flight at once; 0: no limit (default: ${DEFAULT-VALUE}).")
  int maxPendingTx;

  @Mixin TxManagerFlags txmgr;

  @Option(
      names = "--stopped",
      defaultValue = "${env:OP_BATCHER_STOPPED:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Start stopped: admin_startBatcher starts submitting.")
  boolean stopped;

  @Option(
      names = "--rpc.addr",
      defaultValue = "${env:OP_BATCHER_RPC_ADDR:-0.0.0.0}",
      description = "Admin RPC address (default: ${DEFAULT-VALUE}).")
  String rpcAddr;

  @Option(
      names = "--rpc.port",
      defaultValue = "${env:OP_BATCHER_RPC_PORT:-8545}",
      description = "Admin RPC port (default: ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--metrics.enabled",
      defaultValue = "${env:OP_BATCHER_METRICS_ENABLED:-false}",
      converter = NodeCommand.GoBool.class,
      description = "Serve Prometheus metrics.")
  boolean metricsEnabled;

  @Option(
      names = "--metrics.addr",
      defaultValue = "${env:OP_BATCHER_METRICS_ADDR:-0.0.0.0}",
      description = "Metrics address (default: ${DEFAULT-VALUE}).")
  String metricsAddr;

  @Option(
      names = "--metrics.port",
      defaultValue = "${env:OP_BATCHER_METRICS_PORT:-7300}",
      description = "Metrics port (default: ${DEFAULT-VALUE}).")
  int metricsPort;

  /** The txmgr flags' variables under op-batcher's prefix. */
  static final class Env extends TxManagerFlags.Env {
    Env() {
      super("OP_BATCHER");
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    ServiceRun.applyEnvironmentLogLevel(spec, "OP_BATCHER");
    BatcherConfig config = config();
    BatcherService batcher = ServiceRun.start(() -> BatcherService.start(config));
    return ServiceRun.untilStopped(
        spec,
        batcher,
        "Merapi batcher, sending from "
            + batcher.from()
            + " ("
            + config.dataAvailability().displayName()
            + ", "
            + config.batchType().name().toLowerCase(Locale.ROOT)
            + " batches, "
            + config.compressionAlgo()
            + ")",
        "admin RPC",
        batcher.rpcUri(),
        batcher.metricsUri());
  }

  BatcherConfig config() {
    Flags.require(l1EthRpc, "--l1-eth-rpc is required: the L1 JSON-RPC endpoint");
    Flags.require(
        l2EthRpc, "--l2-eth-rpc is required: the sequencer's L2 engine JSON-RPC endpoint");
    Flags.require(rollupRpc, "--rollup-rpc is required: the sequencer's rollup node RPC endpoint");
    try {
      return new BatcherConfig(
          l1EthRpc,
          l2EthRpc,
          rollupRpc,
          txmgr.key(),
          Flags.duration("--poll-interval", pollInterval),
          subSafetyMargin,
          maxChannelDuration,
          maxL1TxSizeBytes,
          targetNumFrames,
          Flags.parse("--compressor", compressor, CompressorKind::parse),
          approxComprRatio,
          Flags.parse("--compression-algo", compressionAlgo, CompressionAlgo::parse),
          Flags.parse("--batch-type", batchType, BatchType::parse),
          Flags.parse("--data-availability-type", dataAvailability, DataAvailability::parse),
          txmgr.config(maxPendingTx),
          stopped,
          rpcAddr,
          rpcPort,
          metricsEnabled ? Optional.of(metricsPort) : Optional.empty(),
          metricsAddr);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }
}
