package io.merapi.cli;

import static io.merapi.cli.MerapiRun.merapi;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.cli.MerapiRun.Output;
import io.merapi.execution.node.ExecutionNodeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code merapi execution}'s flags and the errors it refuses to start with. */
class ExecutionCommandTest {
  @TempDir Path datadir;

  private static ExecutionCommand parse(String... args) {
    ExecutionCommand command = new ExecutionCommand();
    new CommandLine(command).parseArgs(args);
    return command;
  }

  @Test
  void gethFlagsBecomeTheNodeConfig() {
    ExecutionNodeConfig config =
        parse(
                "--datadir",
                "/tmp/x",
                "--http",
                "--http.port",
                "9545",
                "--http.api",
                "eth,debug",
                "--http.corsdomain",
                "https://a.example",
                "--ws",
                "--ws.port",
                "9546",
                "--authrpc.port",
                "9551",
                "--metrics",
                "--metrics.port",
                "7070",
                "--networkid",
                "99",
                "--rpc.gascap",
                "1000",
                "--rpc.evmtimeout",
                "500ms",
                "--rpc.txfeecap",
                "0.5")
            .config();
    assertThat(config.datadir()).contains(Path.of("/tmp/x"));
    assertThat(config.http().orElseThrow().port()).isEqualTo(9545);
    assertThat(config.http().orElseThrow().modules()).containsExactlyInAnyOrder("eth", "debug");
    assertThat(config.http().orElseThrow().corsDomains()).containsExactly("https://a.example");
    assertThat(config.http().orElseThrow().host()).isEqualTo("127.0.0.1");
    assertThat(config.ws().orElseThrow().port()).isEqualTo(9546);
    assertThat(config.authRpc().orElseThrow().port()).isEqualTo(9551);
    assertThat(config.metrics().orElseThrow().port()).isEqualTo(7070);
    assertThat(config.networkId()).hasValue(99);
    assertThat(config.rpc().gasCap()).isEqualTo(1000);
    assertThat(config.rpc().evmTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(config.rpc().txFeeCapWei())
        .isEqualTo(new java.math.BigInteger("500000000000000000"));
  }

  @Test
  void defaultsAreGeths() {
    ExecutionNodeConfig config = parse().config();
    assertThat(config.http()).isEmpty();
    assertThat(config.ws()).isEmpty();
    assertThat(config.authRpc().orElseThrow().port()).isEqualTo(8551);
    assertThat(config.datadir().orElseThrow().toString()).endsWith(".merapi/execution");
    assertThat(config.rpc().gasCap()).isEqualTo(50_000_000);
  }

  @Test
  void devServesJsonRpcAndKeepsItsOwnDatadir() {
    ExecutionNodeConfig config = parse("--dev", "--dev.period", "2").config();
    assertThat(config.dev())
        .contains(
            new ExecutionNodeConfig.DevSettings(
                2, 8, 16, Optional.of(ExecutionNodeConfig.BeaconEndpoint.DEFAULT)));
    assertThat(config.http().orElseThrow().port()).isEqualTo(8545);
    assertThat(config.ws().orElseThrow().port()).isEqualTo(8546);
    assertThat(config.datadir().orElseThrow().toString()).endsWith(".merapi/dev");
    // The dev chain's signing and test methods are served without being asked for, as anvil's.
    assertThat(config.http().orElseThrow().modules())
        .containsExactlyInAnyOrder("eth", "net", "web3", "personal", "evm", "anvil", "hardhat");
    assertThat(config.ws().orElseThrow().modules())
        .isEqualTo(config.http().orElseThrow().modules());
    assertThat(parse("--dev", "--http.api", "eth").config().http().orElseThrow().modules())
        .containsExactly("eth");
    assertThat(parse("--http").config().http().orElseThrow().modules())
        .containsExactlyInAnyOrder("eth", "net", "web3");
  }

  @Test
  void devFlagsSetTheFinalityScheduleAndTheBeaconApi() {
    ExecutionNodeConfig.DevSettings dev =
        parse(
                "--dev",
                "--dev.safe-depth",
                "0",
                "--dev.finalized-depth",
                "0",
                "--dev.beacon.port",
                "0")
            .config()
            .dev()
            .orElseThrow();
    assertThat(dev.finality()).isEqualTo(io.merapi.execution.dev.FinalitySchedule.IMMEDIATE);
    assertThat(dev.beacon()).contains(new ExecutionNodeConfig.BeaconEndpoint("127.0.0.1", 0));
    assertThat(parse("--dev", "--dev.beacon=false").config().dev().orElseThrow().beacon())
        .isEmpty();
    assertThatThrownBy(
            () -> parse("--dev", "--dev.safe-depth", "9", "--dev.finalized-depth", "4").config())
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("finalized depth");
  }

  @Test
  void txPoolFlagsBecomeThePoolLimits() {
    ExecutionNodeConfig config =
        parse(
                "--txpool.pricelimit",
                "7",
                "--txpool.pricebump",
                "25",
                "--txpool.accountslots",
                "4",
                "--txpool.globalslots",
                "100",
                "--txpool.accountqueue",
                "8",
                "--txpool.globalqueue",
                "50",
                "--txpool.lifetime",
                "30m",
                "--rpc.allow-unprotected-txs")
            .config();
    assertThat(config.txPool().priceLimit()).isEqualTo(io.merapi.base.uint.UInt256.valueOf(7));
    assertThat(config.txPool().priceBump()).isEqualTo(25);
    assertThat(config.txPool().accountSlots()).isEqualTo(4);
    assertThat(config.txPool().globalSlots()).isEqualTo(100);
    assertThat(config.txPool().accountQueue()).isEqualTo(8);
    assertThat(config.txPool().globalQueue()).isEqualTo(50);
    assertThat(config.txPool().lifetime()).isEqualTo(Duration.ofMinutes(30));
    assertThat(config.allowUnprotectedTxs()).isTrue();
    assertThat(parse().config().txPool())
        .isEqualTo(io.merapi.execution.txpool.TxPoolConfig.defaults());
    assertThat(parse().config().allowUnprotectedTxs()).isFalse();
    assertThatThrownBy(() -> parse("--txpool.accountslots", "0").config())
        .hasMessageContaining("invalid --txpool setting");
    assertThatThrownBy(() -> parse("--txpool.pricelimit", "-1").config())
        .hasMessageContaining("--txpool.pricelimit");
  }

  @Test
  void badDurationsAreRefused() {
    assertThatThrownBy(() -> ExecutionCommand.duration("five")).hasMessageContaining("invalid");
    assertThat(ExecutionCommand.duration("0")).isEqualTo(Duration.ZERO);
    assertThat(ExecutionCommand.duration("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(ExecutionCommand.duration("3h")).isEqualTo(Duration.ofHours(3));
  }

  @Test
  void anEmptyDatadirWithoutGenesisFailsWithAMessage() {
    Output result = merapi("execution", "--datadir", datadir.toString(), "--authrpc.port", "0");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("holds no chain");
  }

  @Test
  void unsupportedGcModeIsRefused() {
    Output result = merapi("execution", "--datadir", datadir.toString(), "--gcmode", "full");
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.err()).contains("--gcmode full is not supported");
  }
}
