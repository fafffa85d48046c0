package io.merapi.proposer;

import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.service.txmgr.TxManagerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a proposer runs: op-proposer's settings plus the L2 engine it checks output roots against.
 *
 * @param l1EthRpc {@code --l1-eth-rpc}
 * @param rollupRpc {@code --rollup-rpc}: the rollup node the output roots come from
 * @param l2EthRpc {@code --l2-eth-rpc}: the L2 engine's public JSON-RPC, for the independent check
 * @param mode where proposals go
 * @param pollInterval {@code --poll-interval}
 * @param allowNonFinalized {@code --allow-non-finalized}: propose safe blocks, not only finalized
 * @param key the signer ({@code --private-key} or {@code --mnemonic} with {@code --hd-path})
 * @param txManager the transaction manager's flags
 * @param rpc {@code --rpc.addr}/{@code --rpc.port}/{@code --rpc.enable-admin}
 * @param metrics {@code --metrics.addr}/{@code --metrics.port} when {@code --metrics.enabled}
 */
public record ProposerConfig(
    URI l1EthRpc,
    URI rollupRpc,
    URI l2EthRpc,
    Mode mode,
    Duration pollInterval,
    boolean allowNonFinalized,
    Secp256k1.PrivateKey key,
    TxManagerConfig txManager,
    Rpc rpc,
    Optional<Endpoint> metrics) {

  /** The contract proposals go to: op-proposer's {@code --l2oo-address} or game factory flags. */
  public sealed interface Mode {}

  /** {@code --l2oo-address}. */
  public record OutputOracle(Address address) implements Mode {}

  /** {@code --game-factory-address} with {@code --proposal-interval} and {@code --game-type}. */
  public record GameFactory(Address address, Duration proposalInterval, long gameType)
      implements Mode {
    public GameFactory {
      if (proposalInterval.isNegative() || proposalInterval.isZero()) {
        throw new IllegalArgumentException(
            "--proposal-interval must be positive with --game-factory-address");
      }
      if (gameType < 0 || gameType > 0xffffffffL) {
        throw new IllegalArgumentException("--game-type must be a uint32, got " + gameType);
      }
    }
  }

  /** The proposer's own JSON-RPC server. */
  public record Rpc(String addr, int port, boolean enableAdmin) {}

  public record Endpoint(String addr, int port) {}

  public ProposerConfig {
    Objects.requireNonNull(l1EthRpc, "l1EthRpc");
    Objects.requireNonNull(rollupRpc, "rollupRpc");
    Objects.requireNonNull(l2EthRpc, "l2EthRpc");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(txManager, "txManager");
    Objects.requireNonNull(rpc, "rpc");
    Objects.requireNonNull(metrics, "metrics");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("--poll-interval must be positive, got " + pollInterval);
    }
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "ProposerConfig[l1="
        + l1EthRpc
        + ", rollup="
        + rollupRpc
        + ", l2="
        + l2EthRpc
        + ", mode="
        + mode
        + ", pollInterval="
        + pollInterval
        + ", allowNonFinalized="
        + allowNonFinalized
        + ", from="
        + key.address()
        + "]";
  }
}
