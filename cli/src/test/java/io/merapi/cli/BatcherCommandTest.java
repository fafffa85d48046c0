package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.batcher.BatcherConfig;
import io.merapi.batcher.DataAvailability;
import io.merapi.batcher.channel.BatchType;
import io.merapi.batcher.channel.CompressorKind;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.service.txmgr.TxManagerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code merapi batcher}'s flags as op-batcher has them (op-batcher/flags and op-service's txmgr
 * flags): names, defaults, the {@code OP_BATCHER_*} variable behind each, and the refusals. The
 * variables are resolved from a map through picocli's default-value provider, as in {@link
 * NodeCommandTest}.
 */
class BatcherCommandTest {
  /** The first dev account ("test test ... junk", m/44'/60'/0'/0/0). */
  private static final String KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

  private static final String MNEMONIC =
      "test test test test test test test test test test test junk";

  /** The endpoints the batcher needs, then {@code more}; the key is the caller's. */
  static List<String> endpoints(List<String> more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--l1-eth-rpc",
                "http://127.0.0.1:8545",
                "--l2-eth-rpc",
                "http://127.0.0.1:9545",
                "--rollup-rpc",
                "http://127.0.0.1:7545"));
    args.addAll(more);
    return args;
  }

  private static List<String> required(String... more) {
    List<String> args = new ArrayList<>(List.of("--private-key", KEY));
    args.addAll(List.of(more));
    return endpoints(args);
  }

  static BatcherConfig parse(Map<String, String> env, List<String> args) {
    BatcherCommand command = new BatcherCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(env, new BatcherCommand.Env()));
    commandLine.parseArgs(args.toArray(String[]::new));
    return command.config();
  }

  @Test
  void defaultsAreOpBatchers() {
    BatcherConfig config = parse(Map.of(), required());
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(6));
    assertThat(config.subSafetyMargin()).isEqualTo(10);
    assertThat(config.maxChannelDuration()).isZero();
    assertThat(config.maxL1TxSizeBytes()).isEqualTo(120_000);
    assertThat(config.targetNumFrames()).isEqualTo(1);
    assertThat(config.approxComprRatio()).isEqualTo(0.6);
    assertThat(config.compressor()).isEqualTo(CompressorKind.SHADOW);
    assertThat(config.compressionAlgo()).isEqualTo(CompressionAlgo.ZLIB);
    assertThat(config.batchType()).isEqualTo(BatchType.SINGULAR);
    assertThat(config.dataAvailability()).isEqualTo(DataAvailability.CALLDATA);
    assertThat(config.stopped()).isFalse();
    assertThat(config.rpcAddr()).isEqualTo("0.0.0.0");
    assertThat(config.rpcPort()).isEqualTo(8545);
    assertThat(config.metricsPort()).isEmpty();
    assertThat(config.txManager()).isEqualTo(TxManagerConfig.defaults());
    assertThat(config.key().address().toHex())
        .isEqualToIgnoringCase("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  }

  @Test
  void flagsBecomeTheBatcherConfig() {
    BatcherConfig config =
        parse(
            Map.of(),
            required(
                "--poll-interval",
                "250ms",
                "--sub-safety-margin",
                "4",
                "--max-channel-duration",
                "3",
                "--max-l1-tx-size-bytes",
                "60000",
                "--target-num-frames",
                "5",
                "--approx-compr-ratio",
                "0.4",
                "--compressor",
                "ratio",
                "--compression-algo",
                "brotli-11",
                "--batch-type",
                "span",
                "--data-availability-type",
                "auto",
                "--max-pending-tx",
                "4",
                "--stopped",
                "--rpc.addr",
                "127.0.0.1",
                "--rpc.port",
                "0",
                "--metrics.enabled",
                "--metrics.port",
                "7301"));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofMillis(250));
    assertThat(config.subSafetyMargin()).isEqualTo(4);
    assertThat(config.maxChannelDuration()).isEqualTo(3);
    assertThat(config.maxL1TxSizeBytes()).isEqualTo(60_000);
    assertThat(config.targetNumFrames()).isEqualTo(5);
    assertThat(config.approxComprRatio()).isEqualTo(0.4);
    assertThat(config.compressor()).isEqualTo(CompressorKind.RATIO);
    assertThat(config.compressionAlgo()).isEqualTo(CompressionAlgo.BROTLI_11);
    assertThat(config.batchType()).isEqualTo(BatchType.SPAN);
    assertThat(config.dataAvailability()).isEqualTo(DataAvailability.AUTO);
    // The signer and txmgr flags are TxManagerFlagsTest's; --max-pending-tx is op-batcher's own.
    assertThat(config.txManager()).isEqualTo(TxManagerConfig.defaults().withMaxPendingTx(4));
    assertThat(config.stopped()).isTrue();
    assertThat(config.rpcAddr()).isEqualTo("127.0.0.1");
    assertThat(config.rpcPort()).isZero();
    assertThat(config.metricsPort()).contains(7301);
  }

  @Test
  void variablesStandBehindFlagsAndFlagsWin() {
    Map<String, String> env =
        Map.of(
            "OP_BATCHER_L1_ETH_RPC", "http://10.0.0.1:8545",
            "OP_BATCHER_L2_ETH_RPC", "http://10.0.0.2:8545",
            "OP_BATCHER_ROLLUP_RPC", "http://10.0.0.3:7545",
            "OP_BATCHER_MNEMONIC", MNEMONIC,
            "OP_BATCHER_HD_PATH", "m/44'/60'/0'/0/1",
            "OP_BATCHER_DATA_AVAILABILITY_TYPE", "blobs",
            "OP_BATCHER_BATCH_TYPE", "1",
            "OP_BATCHER_STOPPED", "t",
            "OP_BATCHER_MAX_PENDING_TX", "3");
    BatcherConfig config = parse(env, List.of("--batch-type", "singular"));
    assertThat(config.l1EthRpc()).isEqualTo(URI.create("http://10.0.0.1:8545"));
    assertThat(config.rollupRpc()).isEqualTo(URI.create("http://10.0.0.3:7545"));
    assertThat(config.key().address().toHex())
        .isEqualToIgnoringCase("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    assertThat(config.dataAvailability()).isEqualTo(DataAvailability.BLOBS);
    assertThat(config.batchType()).isEqualTo(BatchType.SINGULAR);
    assertThat(config.stopped()).isTrue();
    assertThat(config.txManager().maxPendingTx()).isEqualTo(3);
  }

  /** op-service's rule: the variable is the prefix and the flag, upper case, - and . as _. */
  @Test
  void everyFlagHasItsOpBatcherVariable() {
    CommandLine commandLine = new CommandLine(new BatcherCommand());
    EnvironmentDefaults environment = new EnvironmentDefaults(Map.of(), new BatcherCommand.Env());
    Map<String, String> renamed =
        Map.of(
            "--fee-limit-multiplier", "OP_BATCHER_TXMGR_FEE_LIMIT_MULTIPLIER",
            "--txmgr.send-timeout", "OP_BATCHER_TXMGR_TX_SEND_TIMEOUT",
            "--txmgr.not-in-mempool-timeout", "OP_BATCHER_TXMGR_TX_NOT_IN_MEMPOOL_TIMEOUT");
    int checked = 0;
    for (OptionSpec option : commandLine.getCommandSpec().options()) {
      String name = option.longestName();
      if (name.equals("--help") || name.equals("--version")) {
        continue;
      }
      String expected =
          renamed.getOrDefault(
              name,
              "OP_BATCHER_"
                  + name.substring(2).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_'));
      assertThat(environment.variable(option)).as(name).contains(expected);
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(30);
  }

  @Test
  void refusalsNameTheFlag() {
    assertThatThrownBy(
            () -> parse(Map.of(), List.of("--l2-eth-rpc", "http://x", "--rollup-rpc", "http://y")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--l1-eth-rpc is required");
    assertThatThrownBy(
            () ->
                parse(
                    Map.of(),
                    List.of(
                        "--l1-eth-rpc",
                        "http://a",
                        "--l2-eth-rpc",
                        "http://b",
                        "--rollup-rpc",
                        "http://c")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("private-key");
    assertThatThrownBy(() -> parse(Map.of(), required("--compressor", "zstd")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--compressor")
        .hasMessageContaining("ratio, shadow or none");
    assertThatThrownBy(() -> parse(Map.of(), required("--data-availability-type", "celestia")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("calldata, blobs or auto");
    assertThatThrownBy(() -> parse(Map.of(), required("--compression-algo", "lz4")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--compression-algo");
    assertThatThrownBy(() -> parse(Map.of(), required("--poll-interval", "soon")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--poll-interval");
    assertThatThrownBy(() -> parse(Map.of(), required("--mnemonic", MNEMONIC)))
        .isInstanceOf(CommandFailure.class);
  }
}
