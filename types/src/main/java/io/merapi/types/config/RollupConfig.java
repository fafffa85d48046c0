package io.merapi.types.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * op-node's rollup configuration ({@code rollup.json}, op-node {@code rollup.Config}): the genesis
 * anchor on L1 and L2, the derivation parameters, the L1 contract addresses, the OP hardfork times
 * and, since op-node carries the execution layer's EIP-1559 constants, {@code chain_op_config}.
 *
 * <p>{@link #chainConfig()} derives the L2 execution rules from it alone, the way the fault-proof
 * program and stateless execution need them. Read with {@link RollupConfigJson}, strictly: unknown
 * fields are refused, as op-node refuses them.
 */
public record RollupConfig(
    RollupGenesis genesis,
    long blockTime,
    long maxSequencerDrift,
    long seqWindowSize,
    long channelTimeout,
    long l1ChainId,
    long l2ChainId,
    Map<OpFork, Long> forkTimes,
    OptionalLong pectraBlobScheduleTime,
    Map<String, Long> laterForkTimes,
    Address batchInboxAddress,
    Address depositContractAddress,
    Address l1SystemConfigAddress,
    Optional<Address> protocolVersionsAddress,
    Optional<AltDaConfig> altDa,
    Optional<OptimismConfig> chainOpConfig) {

  public RollupConfig {
    EnumMap<OpFork, Long> times = new EnumMap<>(OpFork.class);
    times.putAll(forkTimes);
    if (times.containsKey(OpFork.BEDROCK)) {
      throw new IllegalArgumentException(
          "Bedrock is the rollup genesis, it has no activation time");
    }
    forkTimes = Collections.unmodifiableMap(times);
    laterForkTimes = Map.copyOf(laterForkTimes);
  }

  /** The L1 block the rollup starts after, the L2 genesis block, its time and system config. */
  public record RollupGenesis(BlockId l1, BlockId l2, long l2Time, SystemConfig systemConfig) {}

  /** A block by number and hash (op-service {@code eth.BlockID}). */
  public record BlockId(Hash hash, long number) {
    /** As op-node logs a block id: {@code 0xhash:number}, readable in one line. */
    @Override
    public String toString() {
      return hash.toHex() + ":" + Long.toUnsignedString(number);
    }
  }

  /**
   * The initial L1 SystemConfig values (op-service {@code eth.SystemConfig}). {@code overhead} and
   * {@code scalar} are the raw 32-byte words; later fields exist from the fork that introduced them
   * (Holocene {@code eip1559Params}, Isthmus {@code operatorFeeParams}, Jovian {@code minBaseFee}
   * and {@code daFootprintGasScalar}).
   */
  public record SystemConfig(
      Address batcherAddr,
      Hash overhead,
      Hash scalar,
      long gasLimit,
      Optional<Bytes> eip1559Params,
      Optional<Hash> operatorFeeParams,
      OptionalLong minBaseFee,
      OptionalLong daFootprintGasScalar) {}

  /** Alt-DA mode (op-node {@code AltDAConfig}; {@code alt_da}, or the legacy top-level fields). */
  public record AltDaConfig(
      Address daChallengeAddress,
      String commitmentType,
      long daChallengeWindow,
      long daResolveWindow) {}

  public static RollupConfig read(Path file) throws IOException {
    return RollupConfigJson.parse(new ObjectMapper().readTree(file.toFile()));
  }

  public static RollupConfig fromJson(JsonNode json) {
    return RollupConfigJson.parse(json);
  }

  /** This config as op-node's {@code rollup.json} (read back equal by {@link #fromJson}). */
  public JsonNode toJson() {
    return RollupConfigJson.write(this);
  }

  /** True if {@code fork} is active for an L2 block with {@code timestamp}. */
  public boolean isActive(OpFork fork, long timestamp) {
    if (fork == OpFork.BEDROCK) {
      return true;
    }
    Long time = forkTimes.get(fork);
    return time != null && Long.compareUnsigned(timestamp, time) >= 0;
  }

  /** The latest OP fork active at {@code timestamp}; Bedrock from the rollup genesis. */
  public OpFork opForkAt(long timestamp) {
    OpFork result = OpFork.BEDROCK;
    for (OpFork fork : OpFork.values()) {
      if (isActive(fork, timestamp)) {
        result = fork;
      }
    }
    return result;
  }

  /**
   * The first block of {@code fork}: active at {@code timestamp} but not one block earlier (op-node
   * {@code IsXActivationBlock}). Activation at the genesis time does not count.
   */
  public boolean isActivationBlock(OpFork fork, long timestamp) {
    return isActive(fork, timestamp)
        && Long.compareUnsigned(timestamp, blockTime) >= 0
        && !isActive(fork, timestamp - blockTime);
  }

  /**
   * The L2 execution-layer chain config that this rollup config implies (op-geth's chain config for
   * an OP chain, as op-program builds it from the rollup config): every L1 fork up to the merge at
   * genesis, Shanghai with Canyon, Cancun with Ecotone, Prague with Isthmus (specs
   * canyon/overview.md "Shanghai time ... should be set to the same time as the Canyon time";
   * superchain-registry ValidateGenesisIntegrity), Bedrock at the L2 genesis block, and the
   * EIP-1559 constants of {@code chain_op_config}. The L1 forks by number are placed at block 0,
   * which is exact for every block from the L2 genesis on (OP Mainnet's pre-Bedrock history is not
   * covered).
   *
   * @throws IllegalArgumentException if {@code chain_op_config} is absent: op-node would look it up
   *     in its bundled registry, which this project does not carry
   */
  public ChainConfig chainConfig() {
    OptimismConfig optimism =
        chainOpConfig.orElseThrow(
            () ->
                new IllegalArgumentException(
                    "rollup config has no chain_op_config: the L2 EIP-1559 constants"
                        + " (eip1559Elasticity, eip1559Denominator, eip1559DenominatorCanyon)"
                        + " must be given"));
    Map<Fork, Long> blocks = ChainConfig.preMergeForksAtGenesis();
    Map<Fork, Long> times = new EnumMap<>(Fork.class);
    putIfPresent(times, Fork.SHANGHAI, OpFork.CANYON);
    putIfPresent(times, Fork.CANCUN, OpFork.ECOTONE);
    putIfPresent(times, Fork.PRAGUE, OpFork.ISTHMUS);
    return new ChainConfig(
        l2ChainId,
        blocks,
        times,
        Optional.of(UInt256.ZERO),
        true,
        OptionalLong.of(0),
        Optional.empty(),
        Map.of(),
        OptionalLong.of(genesis.l2().number()),
        forkTimes,
        Optional.of(optimism));
  }

  private void putIfPresent(Map<Fork, Long> times, Fork fork, OpFork with) {
    Long time = forkTimes.get(with);
    if (time != null) {
      times.put(fork, time);
    }
  }
}
