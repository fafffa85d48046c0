package io.merapi.execution.genesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.types.config.BlobSchedule;
import io.merapi.types.config.BpoFork;
import io.merapi.types.config.ChainConfig;
import io.merapi.types.config.Fork;
import io.merapi.types.config.OptimismConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link ChainConfig} written back in geth's {@code config} format (the JSON names of geth's
 * {@code params.ChainConfig} and op-geth's additions), so that {@link ChainConfig#fromJson} reads
 * it back as it was. The chain store keeps its config this way.
 */
public final class ChainConfigJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Map<Fork, String> BLOCK_KEYS = new EnumMap<>(Fork.class);
  private static final Map<Fork, String> TIME_KEYS = new EnumMap<>(Fork.class);

  static {
    BLOCK_KEYS.put(Fork.HOMESTEAD, "homesteadBlock");
    BLOCK_KEYS.put(Fork.TANGERINE_WHISTLE, "eip150Block");
    BLOCK_KEYS.put(Fork.SPURIOUS_DRAGON, "eip158Block");
    BLOCK_KEYS.put(Fork.BYZANTIUM, "byzantiumBlock");
    BLOCK_KEYS.put(Fork.CONSTANTINOPLE, "constantinopleBlock");
    BLOCK_KEYS.put(Fork.PETERSBURG, "petersburgBlock");
    BLOCK_KEYS.put(Fork.ISTANBUL, "istanbulBlock");
    BLOCK_KEYS.put(Fork.MUIR_GLACIER, "muirGlacierBlock");
    BLOCK_KEYS.put(Fork.BERLIN, "berlinBlock");
    BLOCK_KEYS.put(Fork.LONDON, "londonBlock");
    BLOCK_KEYS.put(Fork.ARROW_GLACIER, "arrowGlacierBlock");
    BLOCK_KEYS.put(Fork.GRAY_GLACIER, "grayGlacierBlock");
    TIME_KEYS.put(Fork.SHANGHAI, "shanghaiTime");
    TIME_KEYS.put(Fork.CANCUN, "cancunTime");
    TIME_KEYS.put(Fork.PRAGUE, "pragueTime");
    TIME_KEYS.put(Fork.OSAKA, "osakaTime");
  }

  private ChainConfigJson() {}

  public static ObjectNode toJson(ChainConfig config) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("chainId", unsigned(config.chainId()));
    config.forkBlocks().forEach((fork, block) -> json.put(key(BLOCK_KEYS, fork), unsigned(block)));
    config.forkTimes().forEach((fork, time) -> json.put(key(TIME_KEYS, fork), unsigned(time)));
    config
        .terminalTotalDifficulty()
        .ifPresent(ttd -> json.put("terminalTotalDifficulty", ttd.toBigInteger()));
    if (config.terminalTotalDifficultyPassed()) {
      json.put("terminalTotalDifficultyPassed", true);
    }
    config.mergeNetsplitBlock().ifPresent(block -> json.put("mergeNetsplitBlock", unsigned(block)));
    config
        .depositContractAddress()
        .ifPresent(address -> json.put("depositContractAddress", address.toHex()));
    config.bpoTimes().forEach((fork, time) -> json.put(fork.timeKey(), unsigned(time)));
    if (!config.blobSchedules().isEmpty() || !config.bpoSchedules().isEmpty()) {
      ObjectNode schedules = json.putObject("blobSchedule");
      for (Map.Entry<Fork, BlobSchedule> e : config.blobSchedules().entrySet()) {
        put(schedules.putObject(e.getKey().testName().toLowerCase(Locale.ROOT)), e.getValue());
      }
      for (Map.Entry<BpoFork, BlobSchedule> e : config.bpoSchedules().entrySet()) {
        put(schedules.putObject(e.getKey().scheduleKey()), e.getValue());
      }
    }
    config.bedrockBlock().ifPresent(block -> json.put("bedrockBlock", unsigned(block)));
    config
        .opForkTimes()
        .forEach(
            (fork, time) ->
                json.put(fork.name().toLowerCase(Locale.ROOT) + "Time", unsigned(time)));
    if (config.optimism().isPresent()) {
      OptimismConfig op = config.optimism().get();
      ObjectNode section = json.putObject("optimism");
      section.put("eip1559Elasticity", unsigned(op.eip1559Elasticity()));
      section.put("eip1559Denominator", unsigned(op.eip1559Denominator()));
      op.eip1559DenominatorCanyon()
          .ifPresent(d -> section.put("eip1559DenominatorCanyon", unsigned(d)));
    }
    return json;
  }

  private static void put(ObjectNode entry, BlobSchedule schedule) {
    entry.put("target", schedule.target());
    entry.put("max", schedule.max());
    entry.put("baseFeeUpdateFraction", unsigned(schedule.baseFeeUpdateFraction()));
  }

  public static byte[] toBytes(ChainConfig config) {
    try {
      return MAPPER.writeValueAsBytes(toJson(config));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads a config written by {@link #toBytes}.
   *
   * @throws IllegalArgumentException if the bytes are not a chain config
   */
  public static ChainConfig fromBytes(byte[] json) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("stored chain config is not JSON: " + e.getMessage(), e);
    }
    return ChainConfig.fromJson(tree);
  }

  private static String key(Map<Fork, String> keys, Fork fork) {
    String key = keys.get(fork);
    if (key == null) {
      throw new IllegalArgumentException("no geth config key for " + fork);
    }
    return key;
  }

  private static BigInteger unsigned(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }
}
