package io.merapi.proposer.games;

import io.merapi.base.bytes.Address;
import io.merapi.base.crypto.Secp256k1;
import io.merapi.service.txmgr.TxManagerConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * The fast-game resolver's settings: the L1, the {@code DisputeGameFactory} whose fast games it
 * resolves, how often it looks, and the account that pays for {@code resolve()}.
 */
public record ResolverConfig(
    URI l1EthRpc,
    Address gameFactory,
    Duration pollInterval,
    Secp256k1.PrivateKey key,
    TxManagerConfig txManager) {
  public ResolverConfig {
    Objects.requireNonNull(l1EthRpc, "l1EthRpc");
    Objects.requireNonNull(gameFactory, "gameFactory");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(txManager, "txManager");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("--poll-interval must be positive, got " + pollInterval);
    }
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "ResolverConfig[l1="
        + l1EthRpc
        + ", gameFactory="
        + gameFactory
        + ", pollInterval="
        + pollInterval
        + ", from="
        + key.address()
        + "]";
  }
}
