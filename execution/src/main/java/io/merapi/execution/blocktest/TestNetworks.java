package io.merapi.execution.blocktest;

import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import java.util.Map;
import java.util.Optional;

/**
 * The chain configs that ethereum/tests' network names stand for (geth {@code tests.Forks}), for
 * the proof-of-stake networks this client executes: chain id 1, every block-numbered fork at block
 * 0, a terminal total difficulty of 0, and the timestamp forks at 0 or at 15,000 for the transition
 * networks.
 */
public final class TestNetworks {
  private TestNetworks() {}

  public static Optional<ChainConfig> config(String network) {
    return switch (network) {
      case "Paris", "Merge" -> Optional.of(config(Map.of()));
      case "Shanghai" -> Optional.of(config(Map.of(Fork.SHANGHAI, 0L)));
      case "Cancun" -> Optional.of(config(Map.of(Fork.SHANGHAI, 0L, Fork.CANCUN, 0L)));
      case "ParisToShanghaiAtTime15k" -> Optional.of(config(Map.of(Fork.SHANGHAI, 15_000L)));
      case "ShanghaiToCancunAtTime15k" ->
          Optional.of(config(Map.of(Fork.SHANGHAI, 0L, Fork.CANCUN, 15_000L)));
      default -> Optional.empty();
    };
  }

  private static ChainConfig config(Map<Fork, Long> times) {
    return ChainConfig.mergedAtGenesis(1, times);
  }
}
