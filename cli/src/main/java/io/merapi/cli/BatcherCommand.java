package io.merapi.cli;

import io.merapi.base.crypto.Secp256k1;
import io.merapi.batcher.BatcherConfig;
import io.merapi.batcher.BatcherService;
import io.merapi.batcher.DataAvailability;
import io.merapi.batcher.channel.BatchType;
import io.merapi.batcher.channel.CompressorKind;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.service.signer.SignerKeys;
import io.merapi.service.txmgr.TxManagerConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi batcher}: the batch submitter, with op-batcher's flag names, defaults and {@code
 * OP_BATCHER_*} environment variables (a flag on the command line wins over its variable).
 */
@Command(
    name = "batcher",
    mixinStandardHelpOptions = true,
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
      names = "--private-key",
      defaultValue = "${env:OP_BATCHER_PRIVATE_KEY}",
      description = "The batcher's private key (hex).")
  String privateKey;

  @Option(
      names = "--mnemonic",
      defaultValue = "${env:OP_BATCHER_MNEMONIC}",
      description = "BIP-39 mnemonic of the batcher's key (with --hd-path).")
  String mnemonic;

  @Option(
      names = "--hd-path",
      defaultValue = "${env:OP_BATCHER_HD_PATH}",
      description = "BIP-32 derivation path of the key in --mnemonic.")
  String hdPath;

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

  @Option(
      names = "--num-confirmations",
      defaultValue = "${env:OP_BATCHER_NUM_CONFIRMATIONS:-10}",
      description = "L1 confirmations a transaction waits for (default: ${DEFAULT-VALUE}).")
  long numConfirmations;

  @Option(
      names = "--safe-abort-nonce-too-low-count",
      defaultValue = "${env:OP_BATCHER_SAFE_ABORT_NONCE_TOO_LOW_COUNT:-3}",
      description =
          "'nonce too low' answers after which a send gives up (default: ${DEFAULT-VALUE}).")
  int safeAbortNonceTooLowCount;

  @Option(
      names = "--fee-limit-multiplier",
      defaultValue = "${env:OP_BATCHER_FEE_LIMIT_MULTIPLIER:-5}",
      description = "Largest fee bump over the first estimate (default: ${DEFAULT-VALUE}).")
  long feeLimitMultiplier;

  @Option(
      names = "--txmgr.fee-limit-threshold",
      defaultValue = "${env:OP_BATCHER_TXMGR_FEE_LIMIT_THRESHOLD:-100}",
      description = "Fee caps below this (gwei) are never limited (default: ${DEFAULT-VALUE}).")
  String feeLimitThreshold;

  @Option(
      names = "--txmgr.min-tip-cap",
      defaultValue = "${env:OP_BATCHER_TXMGR_MIN_TIP_CAP:-1}",
      description = "Lowest tip cap, gwei (default: ${DEFAULT-VALUE}).")
  String minTipCap;

  @Option(
      names = "--txmgr.min-basefee",
      defaultValue = "${env:OP_BATCHER_TXMGR_MIN_BASEFEE:-1}",
      description = "Lowest base fee assumed, gwei (default: ${DEFAULT-VALUE}).")
  String minBaseFee;

  @Option(
      names = "--resubmission-timeout",
      defaultValue = "${env:OP_BATCHER_RESUBMISSION_TIMEOUT:-48s}",
      description =
          "Wait before a transaction is resent with bumped fees (default: ${DEFAULT-VALUE}).")
  String resubmissionTimeout;

  @Option(
      names = "--network-timeout",
      defaultValue = "${env:OP_BATCHER_NETWORK_TIMEOUT:-10s}",
      description = "Timeout of each L1 call (default: ${DEFAULT-VALUE}).")
  String networkTimeout;

  @Option(
      names = "--txmgr.send-timeout",
      defaultValue = "${env:OP_BATCHER_TXMGR_TX_SEND_TIMEOUT:-10m}",
      description = "Timeout of a whole send; 0: none (default: ${DEFAULT-VALUE}).")
  String txSendTimeout;

  @Option(
      names = "--txmgr.not-in-mempool-timeout",
      defaultValue = "${env:OP_BATCHER_TXMGR_TX_NOT_IN_MEMPOOL_TIMEOUT:-2m}",
      description = "Give up a send never seen in the pool after (default: ${DEFAULT-VALUE}).")
  String txNotInMempoolTimeout;

  @Option(
      names = "--txmgr.receipt-query-interval",
      defaultValue = "${env:OP_BATCHER_TXMGR_RECEIPT_QUERY_INTERVAL:-12s}",
      description = "How often receipts are polled (default: ${DEFAULT-VALUE}).")
  String receiptQueryInterval;

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

  @Override
  public Integer call() throws InterruptedException {
    NodeCommand.applyEnvironmentLogLevel(
        spec, "OP_BATCHER_LOG_LEVEL", System.getenv("OP_BATCHER_LOG_LEVEL"));
    BatcherConfig config = config();
    BatcherService batcher;
    try {
      batcher = BatcherService.start(config);
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
    CountDownLatch stoppedLatch = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  batcher.close();
                  stoppedLatch.countDown();
                },
                "shutdown"));
    PrintWriter out = spec.commandLine().getOut();
    out.println(
        "Merapi batcher, sending from "
            + batcher.from()
            + " ("
            + config.dataAvailability().displayName()
            + ", "
            + config.batchType().name().toLowerCase(java.util.Locale.ROOT)
            + " batches, "
            + config.compressionAlgo()
            + ")");
    out.println("  admin RPC    " + batcher.rpcUri());
    batcher.metricsUri().ifPresent(u -> out.println("  metrics      " + u));
    out.flush();
    stoppedLatch.await();
    return 0;
  }

  BatcherConfig config() {
    require(l1EthRpc, "--l1-eth-rpc is required: the L1 JSON-RPC endpoint");
    require(l2EthRpc, "--l2-eth-rpc is required: the sequencer's L2 engine JSON-RPC endpoint");
    require(rollupRpc, "--rollup-rpc is required: the sequencer's rollup node RPC endpoint");
    Secp256k1.PrivateKey key;
    try {
      key =
          SignerKeys.load(
              Optional.ofNullable(privateKey),
              Optional.ofNullable(mnemonic),
              Optional.ofNullable(hdPath));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
    try {
      TxManagerConfig txmgr =
          new TxManagerConfig(
              numConfirmations,
              safeAbortNonceTooLowCount,
              feeLimitMultiplier,
              TxManagerConfig.gwei(feeLimitThreshold),
              TxManagerConfig.gwei(minTipCap),
              TxManagerConfig.gwei(minBaseFee),
              duration("--resubmission-timeout", resubmissionTimeout),
              duration("--network-timeout", networkTimeout),
              duration("--txmgr.send-timeout", txSendTimeout),
              duration("--txmgr.not-in-mempool-timeout", txNotInMempoolTimeout),
              duration("--txmgr.receipt-query-interval", receiptQueryInterval),
              maxPendingTx);
      return new BatcherConfig(
          l1EthRpc,
          l2EthRpc,
          rollupRpc,
          key,
          duration("--poll-interval", pollInterval),
          subSafetyMargin,
          maxChannelDuration,
          maxL1TxSizeBytes,
          targetNumFrames,
          parse("--compressor", compressor, CompressorKind::parse),
          approxComprRatio,
          parse("--compression-algo", compressionAlgo, CompressionAlgo::parse),
          parse("--batch-type", batchType, BatchType::parse),
          parse("--data-availability-type", dataAvailability, DataAvailability::parse),
          txmgr,
          stopped,
          rpcAddr,
          rpcPort,
          metricsEnabled ? Optional.of(metricsPort) : Optional.empty(),
          metricsAddr);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  private static void require(Object value, String message) {
    if (value == null) {
      throw new CommandFailure(message);
    }
  }

  private static <T> T parse(
      String flag, String value, java.util.function.Function<String, T> parser) {
    try {
      return parser.apply(value);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(flag + ": " + e.getMessage());
    }
  }

  private static Duration duration(String flag, String value) {
    try {
      return ExecutionCommand.duration(value);
    } catch (CommandFailure e) {
      throw new CommandFailure(flag + ": " + e.getMessage());
    }
  }
}
