package io.merapi.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.merapi.base.bytes.Address;
import io.merapi.proposer.games.ResolverConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code merapi challenger}: op-challenger's flag names and variables; {@code --trace-type fast}
 * configures the fast-game resolver, any other trace type is refused in one line.
 */
class ChallengerCommandTest {
  static final String KEY = "0x47e179ec197488593b187f80a00eb0da91f1b9d0b13f8733639f19c30a34926a";
  static final String FACTORY = "0x6900000000000000000000000000000000000000";

  static ResolverConfig parse(Map<String, String> env, String... args) {
    ChallengerCommand command = new ChallengerCommand();
    CommandLine commandLine = new CommandLine(command);
    commandLine.setDefaultValueProvider(new EnvironmentDefaults(env, new ChallengerCommand.Env()));
    commandLine.parseArgs(args);
    return command.config();
  }

  static String[] required(String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--l1-eth-rpc", "http://l1:8545",
                "--game-factory-address", FACTORY,
                "--private-key", KEY));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  @Test
  void traceTypeFastConfiguresTheResolver() {
    ResolverConfig config = parse(Map.of(), required("--trace-type", "fast"));
    assertThat(config.l1EthRpc()).isEqualTo(URI.create("http://l1:8545"));
    assertThat(config.gameFactory()).isEqualTo(Address.fromHex(FACTORY));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(12));
    assertThat(config.key().address())
        .isEqualTo(Address.fromHex("0x15d34AAf54267DB7D7c367839AAf71A00a2C6A65"));
    assertThat(config.txManager().maxPendingTx()).isEqualTo(10);
  }

  @Test
  void opChallengersVariablesWork() {
    ResolverConfig config =
        parse(
            Map.of(
                "OP_CHALLENGER_L1_ETH_RPC", "http://other:8545",
                "OP_CHALLENGER_GAME_FACTORY_ADDRESS", FACTORY,
                "OP_CHALLENGER_TRACE_TYPE", "fast",
                "OP_CHALLENGER_HTTP_POLL_INTERVAL", "1s",
                "OP_CHALLENGER_PRIVATE_KEY", KEY,
                "OP_CHALLENGER_NUM_CONFIRMATIONS", "1"));
    assertThat(config.l1EthRpc()).isEqualTo(URI.create("http://other:8545"));
    assertThat(config.pollInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(config.txManager().numConfirmations()).isEqualTo(1);
  }

  @Test
  void otherTraceTypesAreRefusedClearly() {
    assertThatThrownBy(() -> parse(Map.of(), required()))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--trace-type cannon is not supported yet")
        .hasMessageContaining("--trace-type fast");
    assertThatThrownBy(() -> parse(Map.of(), required("--trace-type", "fast,asterisc")))
        .hasMessageContaining("--trace-type asterisc is not supported yet");
  }

  @Test
  void theFactoryIsRequired() {
    assertThatThrownBy(
            () -> parse(Map.of(), "--l1-eth-rpc", "http://l1:8545", "--trace-type", "fast"))
        .isInstanceOf(CommandFailure.class)
        .hasMessageContaining("--game-factory-address is required");
  }
}
