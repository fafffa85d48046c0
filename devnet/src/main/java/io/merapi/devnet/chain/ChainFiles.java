package io.merapi.devnet.chain;

import io.merapi.base.bytes.Hash;
import io.merapi.deployer.RollupDeployer;
import io.merapi.types.config.Genesis;
import java.util.Objects;

/**
 * The devnet's chains as files: the settings they were built with, the L1 genesis (contracts
 * included) and the rollup deployment ({@code addresses.json}, the L2 {@code genesis.json}, {@code
 * rollup.json}, exactly what {@code merapi deploy} writes).
 */
public record ChainFiles(ChainSettings settings, Genesis l1Genesis, RollupDeployer.Output rollup) {
  public ChainFiles {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(l1Genesis, "l1Genesis");
    Objects.requireNonNull(rollup, "rollup");
  }

  /** The L1 genesis block's hash, as the rollup config anchors it. */
  public Hash l1GenesisHash() {
    return rollup.rollup().genesis().l1().hash();
  }

  public Hash l2GenesisHash() {
    return rollup.l2GenesisHash();
  }
}
