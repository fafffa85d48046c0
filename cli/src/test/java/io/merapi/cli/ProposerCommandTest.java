package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.proposer.ProposerConfig;
import io.merapi.service.txmgr.TxManagerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code merapi proposer}'s flags as op-proposer has them (op-proposer/flags/flags.go and
 * op-service's txmgr flags): names, defaults, the {@code OP_PROPOSER_*} variable of each, and the
 * errors it refuses to start with. The process environment is not touched: variables come from a
 * map through {@link EnvironmentDefaults}. The signer and txmgr flags, shared with the batcher, are
 * {@link TxManagerFlagsTest}'s.
 */
class ProposerCommandTest {
  static final String KEY = "0x59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";
  static final Address PROPOSER = Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
  static final String ORACLE = "0x6900000000000000000000000000000000000000";

  /** The endpoints the proposer needs, then {@code more}; the key and contract are the caller's. */
  static List<String> endpoints(List<String> more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--l1-eth-rpc", "http://l1:8545",
                "--rollup-rpc", "http://node:7545",
                "--l2-eth-rpc", "http://l2:9545"));
    args.addAll(more);
    return args;
  }

  static List<String> required(String... more) {
    List<String> args = new ArrayList<>(List.of("--private-key", KEY));
    args.addAll(List.of(more));
    return endpoints(args);
  }

  static ProposerConfig parse(Map<String, String> env, List<String> args) {
    ProposerCommand command = new ProposerCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(env, new ProposerCommand.Env()));
    commandLine.parseArgs(args.toArray(String[]::new));
    return command.config();
  }

  @Test
  void outputOracleModeWithOpProposersDefaults() {
    ProposerConfig config = parse(Map.of(), required("--l2oo-address", ORACLE));
    assertThat(config.mode()).isEqualTo(new ProposerConfig.OutputOracle(Address.fromHex(ORACLE)));
    assertThat(config.l1EthRpc()).isEqualTo(URI.create("http://l1:8545"));
    assertThat(config.rollupRpc()).isEqualTo(URI.create("http://node:7545"));
    assertThat(config.l2EthRpc()).isEqualTo(URI.create("http://l2:9545"));
    assertThat(config.key().address()).isEqualTo(PROPOSER);
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.allowNonFinalized()).isFalse();
    assertThat(config.rpc()).isEqualTo(new ProposerConfig.Rpc("0.0.0.0", 8545, false));
    assertThat(config.metrics()).isEmpty();
    // op-service's txmgr defaults (TxManagerFlagsTest), one proposal in flight at a time.
    assertThat(config.txManager()).isEqualTo(TxManagerConfig.defaults());
  }

  @Test
  void gameFactoryModeWithEveryServiceFlag() {
    ProposerConfig config =
        parse(
            Map.of(),
            required(
                "--game-factory-address",
                ORACLE,
                "--proposal-interval",
                "30s",
                "--game-type",
                "1",
                "--allow-non-finalized",
                "--poll-interval",
                "2s",
                "--num-confirmations",
                "4",
                "--resubmission-timeout",
                "20s",
                "--txmgr.min-tip-cap",
                "2.5",
                "--rpc.addr",
                "127.0.0.1",
                "--rpc.port",
                "8560",
                "--rpc.enable-admin",
                "--metrics.enabled",
                "--metrics.port",
                "7302"));
    assertThat(config.mode())
        .isEqualTo(
            new ProposerConfig.GameFactory(Address.fromHex(ORACLE), Duration.ofSeconds(30), 1));
    assertThat(config.allowNonFinalized()).isTrue();
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.txManager().numConfirmations()).isEqualTo(4);
    assertThat(config.txManager().resubmissionTimeout()).isEqualTo(Duration.ofSeconds(20));
    assertThat(config.txManager().minTipCap()).isEqualTo(TxManagerConfig.gwei("2.5"));
    assertThat(config.rpc()).isEqualTo(new ProposerConfig.Rpc("127.0.0.1", 8560, true));
    assertThat(config.metrics()).contains(new ProposerConfig.Endpoint("0.0.0.0", 7302));
  }

  @Test
  void variablesStandInForFlagsAndFlagsWin() {
    Map<String, String> env =
        Map.of(
            "OP_PROPOSER_L2OO_ADDRESS", ORACLE,
            "OP_PROPOSER_ALLOW_NON_FINALIZED", "1",
            "OP_PROPOSER_NUM_CONFIRMATIONS", "3",
            "OP_PROPOSER_TXMGR_MIN_TIP_CAP", "7",
            "OP_PROPOSER_TXMGR_TX_SEND_TIMEOUT", "5m",
            "OP_PROPOSER_POLL_INTERVAL", "3s");
    ProposerConfig config = parse(env, required());
    assertThat(config.mode()).isInstanceOf(ProposerConfig.OutputOracle.class);
    assertThat(config.allowNonFinalized()).isTrue();
    assertThat(config.txManager().numConfirmations()).isEqualTo(3);
    assertThat(config.txManager().minTipCap()).isEqualTo(TxManagerConfig.gwei("7"));
    assertThat(config.txManager().txSendTimeout()).isEqualTo(Duration.ofMinutes(5));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(3));

    ProposerConfig flagsWin =
        parse(env, required("--num-confirmations", "8", "--poll-interval", "1s"));
    assertThat(flagsWin.txManager().numConfirmations()).isEqualTo(8);
    assertThat(flagsWin.pollInterval()).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void everyFlagHasAnOpProposerVariable() {
    CommandLine commandLine = new CommandLine(new ProposerCommand());
    EnvironmentDefaults environment = new EnvironmentDefaults(Map.of(), new ProposerCommand.Env());
    for (OptionSpec option : commandLine.getCommandSpec().options()) {
      if (option.usageHelp() || option.versionHelp()) {
        continue;
      }
      assertThat(environment.variable(option))
          .as("the variable of %s", option.longestName())
          .hasValueSatisfying(name -> assertThat(name).startsWith("OP_PROPOSER_"));
    }
  }

  record Refusal(String why, List<String> args, String message) {
    @Override
    public String toString() {
      return why;
    }
  }

  static Stream<Refusal> refusals() {
    return Stream.of(
        new Refusal("no contract", required(), "--l2oo-address or --game-factory-address"),
        new Refusal(
            "both contracts",
            required("--l2oo-address", ORACLE, "--game-factory-address", ORACLE),
            "not both"),
        new Refusal(
            "a factory without an interval",
            required("--game-factory-address", ORACLE),
            "--proposal-interval is required"),
        new Refusal("a bad address", required("--l2oo-address", "0x1234"), "--l2oo-address"),
        new Refusal(
            "no engine",
            List.of(
                "--l1-eth-rpc",
                "http://l1",
                "--rollup-rpc",
                "http://n",
                "--private-key",
                KEY,
                "--l2oo-address",
                ORACLE),
            "--l2-eth-rpc is required"),
        new Refusal(
            "no key",
            List.of(
                "--l1-eth-rpc",
                "http://l1",
                "--rollup-rpc",
                "http://n",
                "--l2-eth-rpc",
                "http://l2",
                "--l2oo-address",
                ORACLE),
            "--private-key or --mnemonic"),
        new Refusal(
            "a key and a mnemonic",
            required("--l2oo-address", ORACLE, "--mnemonic", "test test junk"),
            "not both"),
        new Refusal(
            "a bad duration",
            required("--l2oo-address", ORACLE, "--poll-interval", "soon"),
            "--poll-interval"));
  }

  @ParameterizedTest
  @MethodSource("refusals")
  void refusesToStartWith(Refusal refusal) {
    assertThatThrownBy(() -> parse(Map.of(), refusal.args()))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining(refusal.message());
  }
}
