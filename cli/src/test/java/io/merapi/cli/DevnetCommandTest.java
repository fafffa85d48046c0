package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.batcher.DataAvailability;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.MetricsPorts;
import io.merapi.devnet.Ports;
import io.merapi.devnet.chain.ChainSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code merapi devnet}'s flags and the devnet config they make (the devnet is not started). */
class DevnetCommandTest {
  static DevnetConfig parse(String... args) {
    DevnetCommand command = new DevnetCommand();
    new CommandLine(command).parseArgs(args);
    return command.config();
  }

  @Test
  void noFlagsAreTheDevnetsDefaultsInTheHomeDirectory() {
    assertThat(parse()).isEqualTo(DevnetConfig.defaults(DevnetConfig.defaultDatadir()));
  }

  @Test
  void everyChoiceHasItsFlag() {
    DevnetConfig config =
        parse(
            "--datadir",
            "/tmp/d",
            "--fresh",
            "--verifier=false",
            "--proofs",
            "l2oo",
            "--l2oo.submission-interval",
            "4",
            "--finalization-period",
            "3s",
            "--batcher.da",
            "calldata",
            "--l1.block-time",
            "2",
            "--l2.block-time",
            "1",
            "--proposal-interval",
            "10s",
            "--l1.port",
            "0",
            "--proposer.rpc.port",
            "1234");
    assertThat(config.datadir()).isEqualTo(Path.of("/tmp/d"));
    assertThat(config.fresh()).isTrue();
    assertThat(config.verifier()).isFalse();
    assertThat(config.chain())
        .isEqualTo(new ChainSettings(2, 1, new ChainSettings.OutputOracle(4, 3)));
    assertThat(config.dataAvailability()).isEqualTo(DataAvailability.CALLDATA);
    assertThat(config.proposalInterval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.ports().l1()).isZero();
    assertThat(config.ports().proposer()).isEqualTo(1234);
    assertThat(config.ports().l2()).isEqualTo(Ports.defaults().l2());
  }

  @Test
  void disputeGameDelaysAreSeconds() {
    assertThat(parse("--proof-maturity-delay", "1m", "--dispute-game-finality-delay", "0s").chain())
        .isEqualTo(new ChainSettings(6, 2, new ChainSettings.DisputeGames(60, 0)));
  }

  @Test
  void anUnknownProofSystemIsOneLine() {
    assertThatThrownBy(() -> parse("--proofs", "zk"))
        .isInstanceOf(CommandFailure.class)
        .hasMessage("unknown --proofs zk: expected dispute-games or l2oo");
    assertThatThrownBy(() -> parse("--batcher.da", "ipfs"))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("expected calldata, blobs or auto");
  }

  @Test
  void metricsAreOffUntilAskedForThenOnTheirOwnPorts() {
    assertThat(parse().metrics()).isEmpty();
    assertThat(parse("--metrics").metrics()).contains(MetricsPorts.defaults());
    assertThat(parse("--metrics", "--metrics.verifier.node.port", "9999").metrics().orElseThrow())
        .isEqualTo(new MetricsPorts(6060, 6061, 6062, 7300, 9999, 7301, 7302));
  }
}
