package io.merapi.cli;

import io.merapi.base.bytes.Address;
import io.merapi.proposer.games.FastGameResolver;
import io.merapi.proposer.games.GameResolverService;
import io.merapi.proposer.games.ResolverConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi challenger}: op-challenger's flags, of which only {@code --trace-type fast} runs
 * today: it resolves the factory's fast games (type 254) for the defender once they can be, so a
 * devnet's withdrawals can be finalized. Disputing games (cannon, asterisc, ...) needs Cannon and
 * is refused with a clear error.
 */
@Command(
    name = "challenger",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ChallengerCommand.Env.class,
    description =
        "Dispute game challenger, op-challenger flags; only --trace-type fast (resolves the"
            + " devnet's fast games) is supported yet.")
public final class ChallengerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--l1-eth-rpc",
      defaultValue = "${env:OP_CHALLENGER_L1_ETH_RPC}",
      description = "L1 JSON-RPC endpoint.")
  URI l1EthRpc;

  @Option(
      names = "--game-factory-address",
      defaultValue = "${env:OP_CHALLENGER_GAME_FACTORY_ADDRESS}",
      description = "Address of the DisputeGameFactory.")
  String gameFactoryAddress;

  @Option(
      names = "--trace-type",
      split = ",",
      defaultValue = "${env:OP_CHALLENGER_TRACE_TYPE:-cannon}",
      description =
          "Trace types to support; only fast is supported yet (default: ${DEFAULT-VALUE}).")
  List<String> traceTypes;

  @Option(
      names = "--http-poll-interval",
      defaultValue = "${env:OP_CHALLENGER_HTTP_POLL_INTERVAL:-12s}",
      description = "How often the L1 is polled for games (default: ${DEFAULT-VALUE}).")
  String pollInterval;

  @Option(
      names = "--max-pending-tx",
      defaultValue = "${env:OP_CHALLENGER_MAX_PENDING_TX:-10}",
      description =
          "Most transactions in flight at once, 0 for no limit (default: ${DEFAULT-VALUE}).")
  int maxPendingTx;

  @Mixin TxManagerFlags txmgr;

  /** The txmgr flags' variables under op-challenger's prefix. */
  static final class Env extends TxManagerFlags.Env {
    Env() {
      super("OP_CHALLENGER");
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    ServiceRun.applyEnvironmentLogLevel(spec, "OP_CHALLENGER");
    ResolverConfig config = config();
    GameResolverService resolver = ServiceRun.start(() -> GameResolverService.start(config));
    return ServiceRun.untilStopped(
        spec,
        resolver,
        "Merapi challenger (trace type fast), resolving games of type "
            + FastGameResolver.FAST_GAME_TYPE
            + " of the DisputeGameFactory at "
            + config.gameFactory()
            + " from "
            + config.key().address(),
        "L1",
        config.l1EthRpc(),
        Optional.empty());
  }

  ResolverConfig config() {
    Flags.require(l1EthRpc, "--l1-eth-rpc is required: the L1 JSON-RPC endpoint");
    Flags.require(
        gameFactoryAddress, "--game-factory-address is required: the DisputeGameFactory's address");
    List<String> unsupported =
        traceTypes.stream().map(String::trim).filter(t -> !t.equals("fast")).toList();
    if (!unsupported.isEmpty()) {
      throw new CommandFailure(
          "--trace-type "
              + String.join(",", unsupported)
              + " is not supported yet: merapi challenger only resolves fast games"
              + " (--trace-type fast); disputing games needs Cannon");
    }
    try {
      return new ResolverConfig(
          l1EthRpc,
          Flags.parse("--game-factory-address", gameFactoryAddress, Address::fromHex),
          Flags.duration("--http-poll-interval", pollInterval),
          txmgr.key(),
          txmgr.config(maxPendingTx));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
  }
}
