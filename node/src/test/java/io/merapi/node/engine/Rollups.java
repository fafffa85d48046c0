package io.merapi.node.engine;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.RollupGenesis;
import io.merapi.types.config.RollupConfig.SystemConfig;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** Rollup configs for unit tests, without a deployment: forks at given times, genesis at 0. */
final class Rollups {
  static final Address BATCHER = Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");

  private Rollups() {}

  static RollupConfig withForks(Map<OpFork, Long> forkTimes, Hash l2GenesisHash) {
    return new RollupConfig(
        new RollupGenesis(
            new BlockId(Hash.fromHex("0x" + "11".repeat(32)), 0),
            new BlockId(l2GenesisHash, 0),
            0,
            new SystemConfig(
                BATCHER,
                Hash.ZERO,
                Hash.fromHex("0x01000000000000000000000000000000000000000000000000000000000a118b"),
                30_000_000,
                Optional.empty(),
                Optional.empty(),
                OptionalLong.empty(),
                OptionalLong.empty())),
        2,
        600,
        3600,
        300,
        900,
        901,
        forkTimes,
        OptionalLong.empty(),
        Map.of(),
        Address.fromHex("0xff00000000000000000000000000000000000901"),
        Address.fromHex("0x" + "22".repeat(20)),
        Address.fromHex("0x" + "33".repeat(20)),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  /** Canyon at 10, Ecotone at 20, Isthmus at 30 (Delta .. Holocene with Ecotone). */
  static RollupConfig staged() {
    return withForks(
        Map.of(
            OpFork.REGOLITH, 0L,
            OpFork.CANYON, 10L,
            OpFork.DELTA, 10L,
            OpFork.ECOTONE, 20L,
            OpFork.FJORD, 20L,
            OpFork.GRANITE, 20L,
            OpFork.HOLOCENE, 20L,
            OpFork.ISTHMUS, 30L),
        Hash.fromHex("0x" + "aa".repeat(32)));
  }
}
