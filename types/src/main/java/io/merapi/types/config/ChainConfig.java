package io.merapi.types.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.uint.UInt256;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The {@code config} section of a geth-format genesis file: chain id, when each Ethereum fork
 * activates (by block number up to Gray Glacier, by timestamp from Shanghai), the merge, blob
 * schedules with EIP-7892's blob-parameter-only forks, and for OP chains the Bedrock block, the OP
 * hardfork times and the {@code optimism} EIP-1559 section (op-geth's params.ChainConfig).
 *
 * <p>A fork absent from the maps is not scheduled. Values are unsigned 64-bit.
 */
public record ChainConfig(
    long chainId,
    Map<Fork, Long> forkBlocks,
    Map<Fork, Long> forkTimes,
    Optional<UInt256> terminalTotalDifficulty,
    boolean terminalTotalDifficultyPassed,
    OptionalLong mergeNetsplitBlock,
    Optional<Address> depositContractAddress,
    Map<Fork, BlobSchedule> blobSchedules,
    OptionalLong bedrockBlock,
    Map<OpFork, Long> opForkTimes,
    Optional<OptimismConfig> optimism,
    Map<BpoFork, Long> bpoTimes,
    Map<BpoFork, BlobSchedule> bpoSchedules) {

  public ChainConfig {
    forkBlocks = freeze(forkBlocks, Fork.class);
    forkTimes = freeze(forkTimes, Fork.class);
    blobSchedules = freeze(blobSchedules, Fork.class);
    opForkTimes = freeze(opForkTimes, OpFork.class);
    bpoTimes = freeze(bpoTimes, BpoFork.class);
    bpoSchedules = freeze(bpoSchedules, BpoFork.class);
    for (Map.Entry<BpoFork, Long> e : bpoTimes.entrySet()) {
      // EIP-7892: a BPO fork changes blob parameters on top of Osaka, so it needs Osaka at or
      // before it and an entry of its own in the blob schedule (geth refuses such configs too).
      if (!bpoSchedules.containsKey(e.getKey())) {
        throw new IllegalArgumentException(
            e.getKey().timeKey() + " is set but blobSchedule has no " + e.getKey().scheduleKey());
      }
      Long osaka = forkTimes.get(Fork.OSAKA);
      if (osaka == null || Long.compareUnsigned(e.getValue(), osaka) < 0) {
        throw new IllegalArgumentException(e.getKey().timeKey() + " is before osakaTime");
      }
    }
    Long previous = null;
    for (Map.Entry<BpoFork, Long> e : bpoTimes.entrySet()) {
      if (previous != null && Long.compareUnsigned(e.getValue(), previous) < 0) {
        throw new IllegalArgumentException(e.getKey().timeKey() + " is before the previous BPO");
      }
      previous = e.getValue();
    }
    for (Fork fork : forkBlocks.keySet()) {
      if (fork.isAtLeast(Fork.SHANGHAI) || fork == Fork.FRONTIER || fork == Fork.PARIS) {
        throw new IllegalArgumentException(fork + " is not activated by block number");
      }
    }
    for (Fork fork : forkTimes.keySet()) {
      if (fork.isBefore(Fork.SHANGHAI)) {
        throw new IllegalArgumentException(fork + " is not activated by timestamp");
      }
    }
    if (opForkTimes.containsKey(OpFork.BEDROCK)) {
      throw new IllegalArgumentException("Bedrock activates by block number (bedrockBlock)");
    }
  }

  /** A chain config without blob-parameter-only forks. */
  public ChainConfig(
      long chainId,
      Map<Fork, Long> forkBlocks,
      Map<Fork, Long> forkTimes,
      Optional<UInt256> terminalTotalDifficulty,
      boolean terminalTotalDifficultyPassed,
      OptionalLong mergeNetsplitBlock,
      Optional<Address> depositContractAddress,
      Map<Fork, BlobSchedule> blobSchedules,
      OptionalLong bedrockBlock,
      Map<OpFork, Long> opForkTimes,
      Optional<OptimismConfig> optimism) {
    this(
        chainId,
        forkBlocks,
        forkTimes,
        terminalTotalDifficulty,
        terminalTotalDifficultyPassed,
        mergeNetsplitBlock,
        depositContractAddress,
        blobSchedules,
        bedrockBlock,
        opForkTimes,
        optimism,
        Map.of(),
        Map.of());
  }

  /**
   * An L1 chain that was post-merge from its genesis (as dev chains and test networks are): every
   * block-activated fork at block 0, terminal difficulty zero and passed, and the time-activated
   * forks at {@code forkTimes}.
   */
  public static ChainConfig mergedAtGenesis(long chainId, Map<Fork, Long> forkTimes) {
    return new ChainConfig(
        chainId,
        preMergeForksAtGenesis(),
        forkTimes,
        Optional.of(UInt256.ZERO),
        true,
        OptionalLong.empty(),
        Optional.empty(),
        Map.of(),
        OptionalLong.empty(),
        Map.of(),
        Optional.empty());
  }

  /** Homestead through Gray Glacier at block 0: the block-activated forks of a merged chain. */
  public static Map<Fork, Long> preMergeForksAtGenesis() {
    Map<Fork, Long> blocks = new EnumMap<>(Fork.class);
    for (Fork fork : Fork.values()) {
      if (fork != Fork.FRONTIER && fork.isBefore(Fork.PARIS)) {
        blocks.put(fork, 0L);
      }
    }
    return blocks;
  }

  /** The geth-format JSON names of the block-activated forks. */
  private static final Map<Fork, String> BLOCK_KEYS = blockKeys();

  /** The geth-format JSON names of the time-activated forks. */
  private static final Map<Fork, String> TIME_KEYS = timeKeys();

  public boolean isOptimism() {
    return optimism.isPresent();
  }

  /**
   * The Ethereum rule set of a block. {@code merged} says whether the block is past the merge (for
   * a header, difficulty zero); it only matters between London and Shanghai.
   */
  public Fork forkAt(long number, long timestamp, boolean merged) {
    Fork result = Fork.FRONTIER;
    for (Map.Entry<Fork, Long> e : forkBlocks.entrySet()) {
      if (Long.compareUnsigned(number, e.getValue()) >= 0 && e.getKey().isAtLeast(result)) {
        result = e.getKey();
      }
    }
    boolean pastNetsplit =
        mergeNetsplitBlock.isPresent()
            && Long.compareUnsigned(number, mergeNetsplitBlock.getAsLong()) >= 0;
    if ((merged || pastNetsplit) && terminalTotalDifficulty.isPresent()) {
      result = Fork.PARIS.isAtLeast(result) ? Fork.PARIS : result;
    }
    for (Map.Entry<Fork, Long> e : forkTimes.entrySet()) {
      if (Long.compareUnsigned(timestamp, e.getValue()) >= 0 && e.getKey().isAtLeast(result)) {
        result = e.getKey();
      }
    }
    return result;
  }

  /**
   * The Ethereum rule set of a block, taking the chain as merged when its terminal total difficulty
   * is zero or marked passed (every OP chain and post-merge devnet).
   */
  public Fork forkAt(long number, long timestamp) {
    return forkAt(number, timestamp, isMergedFromStart());
  }

  /** True for chains that have no proof-of-work blocks to validate. */
  public boolean isMergedFromStart() {
    return terminalTotalDifficulty.map(UInt256::isZero).orElse(false)
        || (terminalTotalDifficulty.isPresent() && terminalTotalDifficultyPassed);
  }

  /** The OP hardfork of a block, or empty on a non-OP chain or before Bedrock. */
  public Optional<OpFork> opForkAt(long number, long timestamp) {
    if (!isOptimism()
        || bedrockBlock.isEmpty()
        || Long.compareUnsigned(number, bedrockBlock.getAsLong()) < 0) {
      return Optional.empty();
    }
    OpFork result = OpFork.BEDROCK;
    for (Map.Entry<OpFork, Long> e : opForkTimes.entrySet()) {
      if (Long.compareUnsigned(timestamp, e.getValue()) >= 0 && e.getKey().isAtLeast(result)) {
        result = e.getKey();
      }
    }
    return Optional.of(result);
  }

  /** Whether {@code fork} is active for a block (false on non-OP chains). */
  public boolean isActive(OpFork fork, long number, long timestamp) {
    return opForkAt(number, timestamp).map(f -> f.isAtLeast(fork)).orElse(false);
  }

  /**
   * The blob parameters in force under {@code fork}: the configured schedule or the EIP's. Ignores
   * EIP-7892's blob-parameter-only forks; a block's parameters are {@link #blobScheduleAt(long,
   * long)}'s.
   */
  public BlobSchedule blobScheduleAt(Fork fork) {
    return BlobSchedule.at(blobSchedules, fork);
  }

  /**
   * The blob parameters of a block: those of the latest blob-parameter-only fork active at {@code
   * timestamp} (EIP-7892), else those of the block's fork.
   */
  public BlobSchedule blobScheduleAt(long number, long timestamp) {
    BpoFork latest = null;
    for (Map.Entry<BpoFork, Long> e : bpoTimes.entrySet()) {
      if (Long.compareUnsigned(timestamp, e.getValue()) >= 0) {
        latest = e.getKey(); // entries iterate in fork order
      }
    }
    if (latest != null) {
      return bpoSchedules.get(latest);
    }
    return blobScheduleAt(forkAt(number, timestamp));
  }

  /** Reads the {@code config} object of a geth-format genesis file. */
  public static ChainConfig fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("chain config must be a JSON object");
    }
    long chainId = GenesisValues.requiredUint64(json, "chainId");
    Map<Fork, Long> blocks = new EnumMap<>(Fork.class);
    BLOCK_KEYS.forEach(
        (fork, key) -> GenesisValues.optionalUint64(json, key).ifPresent(v -> blocks.put(fork, v)));
    if (!blocks.containsKey(Fork.PETERSBURG) && blocks.containsKey(Fork.CONSTANTINOPLE)) {
      // geth: an absent petersburgBlock means Petersburg activates with Constantinople.
      blocks.put(Fork.PETERSBURG, blocks.get(Fork.CONSTANTINOPLE));
    }
    Map<Fork, Long> times = new EnumMap<>(Fork.class);
    TIME_KEYS.forEach(
        (fork, key) -> GenesisValues.optionalUint64(json, key).ifPresent(v -> times.put(fork, v)));
    Map<OpFork, Long> opTimes = new EnumMap<>(OpFork.class);
    for (OpFork fork : OpFork.values()) {
      if (fork != OpFork.BEDROCK) {
        String key = fork.name().toLowerCase(java.util.Locale.ROOT) + "Time";
        GenesisValues.optionalUint64(json, key).ifPresent(v -> opTimes.put(fork, v));
      }
    }
    Map<Fork, BlobSchedule> schedules = BlobSchedule.readAll(json.get("blobSchedule"));
    Map<BpoFork, Long> bpoTimes = new EnumMap<>(BpoFork.class);
    for (BpoFork fork : BpoFork.values()) {
      GenesisValues.optionalUint64(json, fork.timeKey()).ifPresent(v -> bpoTimes.put(fork, v));
    }
    Optional<OptimismConfig> optimism = Optional.empty();
    JsonNode op = json.get("optimism");
    if (op != null && !op.isNull()) {
      optimism =
          Optional.of(
              new OptimismConfig(
                  GenesisValues.requiredUint64(op, "eip1559Elasticity"),
                  GenesisValues.requiredUint64(op, "eip1559Denominator"),
                  GenesisValues.optionalUint64(op, "eip1559DenominatorCanyon")));
    }
    return new ChainConfig(
        chainId,
        blocks,
        times,
        GenesisValues.optionalUint256(json, "terminalTotalDifficulty"),
        json.path("terminalTotalDifficultyPassed").asBoolean(false),
        GenesisValues.optionalUint64(json, "mergeNetsplitBlock"),
        GenesisValues.optionalAddress(json, "depositContractAddress"),
        schedules,
        GenesisValues.optionalUint64(json, "bedrockBlock"),
        opTimes,
        optimism,
        bpoTimes,
        BlobSchedule.readBpo(json.get("blobSchedule")));
  }

  private static Map<Fork, String> blockKeys() {
    Map<Fork, String> keys = new EnumMap<>(Fork.class);
    keys.put(Fork.HOMESTEAD, "homesteadBlock");
    keys.put(Fork.TANGERINE_WHISTLE, "eip150Block");
    keys.put(Fork.SPURIOUS_DRAGON, "eip158Block");
    keys.put(Fork.BYZANTIUM, "byzantiumBlock");
    keys.put(Fork.CONSTANTINOPLE, "constantinopleBlock");
    keys.put(Fork.PETERSBURG, "petersburgBlock");
    keys.put(Fork.ISTANBUL, "istanbulBlock");
    keys.put(Fork.MUIR_GLACIER, "muirGlacierBlock");
    keys.put(Fork.BERLIN, "berlinBlock");
    keys.put(Fork.LONDON, "londonBlock");
    keys.put(Fork.ARROW_GLACIER, "arrowGlacierBlock");
    keys.put(Fork.GRAY_GLACIER, "grayGlacierBlock");
    return Collections.unmodifiableMap(keys);
  }

  private static Map<Fork, String> timeKeys() {
    Map<Fork, String> keys = new EnumMap<>(Fork.class);
    keys.put(Fork.SHANGHAI, "shanghaiTime");
    keys.put(Fork.CANCUN, "cancunTime");
    keys.put(Fork.PRAGUE, "pragueTime");
    keys.put(Fork.OSAKA, "osakaTime");
    return Collections.unmodifiableMap(keys);
  }

  private static <K extends Enum<K>, V> Map<K, V> freeze(Map<K, V> map, Class<K> type) {
    EnumMap<K, V> copy = new EnumMap<>(type);
    copy.putAll(map);
    return Collections.unmodifiableMap(copy);
  }
}
