package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.service.txmgr.TxManagerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The signer and transaction-manager flags that {@code merapi batcher} and {@code merapi proposer}
 * share ({@link TxManagerFlags}), checked through each command: op-service's names and defaults,
 * and the variable of each flag under both services' prefixes, spelled as op-service spells them
 * (op-service/txmgr/cli.go, which is not always the flag's name).
 */
class TxManagerFlagsTest {
  private static final String KEY =
      "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
  private static final Address KEY_ADDRESS =
      Address.fromHex("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266");
  private static final String MNEMONIC =
      "test test test test test test test test test test test junk";
  private static final Address SECOND_ACCOUNT =
      Address.fromHex("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");

  /** A flag, its variable after the service's prefix, and a value that is not its default. */
  record Setting(String flag, String variable, String value) {}

  /** Every flag of the mixin but --private-key, which cannot be given with --mnemonic. */
  private static final List<Setting> SETTINGS =
      List.of(
          new Setting("--mnemonic", "MNEMONIC", MNEMONIC),
          new Setting("--hd-path", "HD_PATH", "m/44'/60'/0'/0/1"),
          new Setting("--num-confirmations", "NUM_CONFIRMATIONS", "4"),
          new Setting("--safe-abort-nonce-too-low-count", "SAFE_ABORT_NONCE_TOO_LOW_COUNT", "7"),
          new Setting("--fee-limit-multiplier", "TXMGR_FEE_LIMIT_MULTIPLIER", "9"),
          new Setting("--txmgr.fee-limit-threshold", "TXMGR_FEE_LIMIT_THRESHOLD", "250.5"),
          new Setting("--txmgr.min-tip-cap", "TXMGR_MIN_TIP_CAP", "0.5"),
          new Setting("--txmgr.min-basefee", "TXMGR_MIN_BASEFEE", "2"),
          new Setting("--resubmission-timeout", "RESUBMISSION_TIMEOUT", "30s"),
          new Setting("--network-timeout", "NETWORK_TIMEOUT", "3s"),
          new Setting("--txmgr.send-timeout", "TXMGR_TX_SEND_TIMEOUT", "5m"),
          new Setting("--txmgr.not-in-mempool-timeout", "TXMGR_TX_NOT_IN_MEMPOOL_TIMEOUT", "90s"),
          new Setting("--txmgr.receipt-query-interval", "TXMGR_RECEIPT_QUERY_INTERVAL", "500ms"));

  /** What {@link #SETTINGS} make of the manager's settings. */
  private static final TxManagerConfig SET =
      new TxManagerConfig(
          4,
          7,
          9,
          TxManagerConfig.gwei("250.5"),
          TxManagerConfig.gwei("0.5"),
          TxManagerConfig.gwei("2"),
          Duration.ofSeconds(30),
          Duration.ofSeconds(3),
          Duration.ofMinutes(5),
          Duration.ofSeconds(90),
          Duration.ofMillis(500),
          1);

  /** The key and manager settings a command made of its variables and its other flags. */
  record Parsed(Secp256k1.PrivateKey key, TxManagerConfig txManager) {}

  /** A service command with the mixin, parsed with every flag it needs but the mixin's. */
  record Service(String prefix, BiFunction<Map<String, String>, List<String>, Parsed> parse) {
    Parsed parse(Map<String, String> env, List<String> flags) {
      return parse.apply(env, flags);
    }

    @Override
    public String toString() {
      return prefix;
    }
  }

  static Stream<Service> services() {
    return Stream.of(
        new Service(
            "OP_BATCHER",
            (env, flags) -> {
              var config = BatcherCommandTest.parse(env, BatcherCommandTest.endpoints(flags));
              return new Parsed(config.key(), config.txManager());
            }),
        new Service(
            "OP_PROPOSER",
            (env, flags) -> {
              List<String> args =
                  new ArrayList<>(List.of("--l2oo-address", "0x" + "69".repeat(20)));
              args.addAll(flags);
              var config = ProposerCommandTest.parse(env, ProposerCommandTest.endpoints(args));
              return new Parsed(config.key(), config.txManager());
            }));
  }

  @ParameterizedTest
  @MethodSource("services")
  void defaultsAreOpServices(Service service) {
    Parsed parsed = service.parse(Map.of(), List.of("--private-key", KEY));
    assertThat(parsed.key().address()).isEqualTo(KEY_ADDRESS);
    assertThat(parsed.txManager()).isEqualTo(TxManagerConfig.defaults());
    assertThat(parsed.txManager().txSendTimeout()).isEqualTo(Duration.ofMinutes(10));
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyFlagReachesTheManager(Service service) {
    List<String> flags = new ArrayList<>();
    SETTINGS.forEach(s -> flags.addAll(List.of(s.flag(), s.value())));
    Parsed parsed = service.parse(Map.of(), flags);
    assertThat(parsed.key().address()).isEqualTo(SECOND_ACCOUNT);
    assertThat(parsed.txManager()).isEqualTo(SET);
  }

  @ParameterizedTest
  @MethodSource("services")
  void everyVariableUnderTheServicesPrefix(Service service) {
    Map<String, String> env = new HashMap<>();
    SETTINGS.forEach(s -> env.put(service.prefix() + "_" + s.variable(), s.value()));
    Parsed parsed = service.parse(env, List.of());
    assertThat(parsed.key().address()).isEqualTo(SECOND_ACCOUNT);
    assertThat(parsed.txManager()).isEqualTo(SET);

    Parsed byKey = service.parse(Map.of(service.prefix() + "_PRIVATE_KEY", KEY), List.of());
    assertThat(byKey.key().address()).isEqualTo(KEY_ADDRESS);
  }

  @ParameterizedTest
  @MethodSource("services")
  void flagsWinOverVariables(Service service) {
    Map<String, String> env = new HashMap<>();
    SETTINGS.forEach(s -> env.put(service.prefix() + "_" + s.variable(), s.value()));
    Parsed parsed =
        service.parse(
            env,
            List.of(
                "--hd-path",
                "m/44'/60'/0'/0/0",
                "--num-confirmations",
                "1",
                "--txmgr.send-timeout",
                "0"));
    assertThat(parsed.key().address()).isEqualTo(KEY_ADDRESS);
    assertThat(parsed.txManager())
        .isEqualTo(SET.withNumConfirmations(1).withTxSendTimeout(Duration.ZERO));
  }

  @ParameterizedTest
  @MethodSource("services")
  void otherServicesVariablesAreIgnored(Service service) {
    String other = service.prefix().equals("OP_BATCHER") ? "OP_PROPOSER" : "OP_BATCHER";
    Map<String, String> env = new HashMap<>();
    SETTINGS.forEach(s -> env.put(other + "_" + s.variable(), s.value()));
    env.put(service.prefix() + "_FEE_LIMIT_MULTIPLIER", "9"); // the flag's name, not the variable's
    assertThat(service.parse(env, List.of("--private-key", KEY)).txManager())
        .isEqualTo(TxManagerConfig.defaults());
  }

  @ParameterizedTest
  @MethodSource("services")
  void refusalsNameTheFlag(Service service) {
    assertThatThrownBy(() -> service.parse(Map.of(), List.of()))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--private-key or --mnemonic");
    assertThatThrownBy(
            () -> service.parse(Map.of(), List.of("--private-key", KEY, "--mnemonic", MNEMONIC)))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(
            () ->
                service.parse(
                    Map.of(), List.of("--private-key", KEY, "--resubmission-timeout", "soon")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--resubmission-timeout");
    assertThatThrownBy(
            () ->
                service.parse(Map.of(), List.of("--private-key", KEY, "--txmgr.min-tip-cap", "x")))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--txmgr.min-tip-cap")
        .hasMessageContaining("gwei");
  }
}
