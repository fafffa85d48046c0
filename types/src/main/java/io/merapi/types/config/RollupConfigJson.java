package io.merapi.types.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.types.config.RollupConfig.AltDaConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import io.merapi.types.config.RollupConfig.RollupGenesis;
import io.merapi.types.config.RollupConfig.SystemConfig;
import java.math.BigInteger;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads {@code rollup.json} as op-node does: field names exactly as op-node writes them, numbers as
 * JSON integers (Go {@code uint64} and {@code big.Int}), hashes and addresses as hex strings,
 * {@code null} as absent, and every unknown field refused (op-node decodes with {@code
 * DisallowUnknownFields}). Then the values are checked as op-node's {@code Config.Check} does.
 * Every error names the field.
 */
final class RollupConfigJson {
  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  /**
   * Hardforks after Interop that op-node knows; this engine refuses blocks once they are active.
   */
  private static final Set<String> LATER_FORKS = Set.of("karst_time", "lagoon_time");

  private static final Set<String> TOP_LEVEL =
      Set.of(
          "genesis",
          "block_time",
          "max_sequencer_drift",
          "seq_window_size",
          "channel_timeout",
          "l1_chain_id",
          "l2_chain_id",
          "regolith_time",
          "canyon_time",
          "delta_time",
          "ecotone_time",
          "fjord_time",
          "granite_time",
          "holocene_time",
          "pectra_blob_schedule_time",
          "isthmus_time",
          "jovian_time",
          "interop_time",
          "karst_time",
          "lagoon_time",
          "batch_inbox_address",
          "deposit_contract_address",
          "l1_system_config_address",
          "protocol_versions_address",
          "alt_da",
          "plasma_config",
          "da_challenge_contract_address",
          "da_challenge_window",
          "da_resolve_window",
          "use_plasma",
          "chain_op_config",
          "blobs_data",
          "interop_message_expiry_window");

  private static final Set<String> GENESIS = Set.of("l1", "l2", "l2_time", "system_config");
  private static final Set<String> BLOCK_ID = Set.of("hash", "number");
  private static final Set<String> SYSTEM_CONFIG =
      Set.of(
          "batcherAddr",
          "overhead",
          "scalar",
          "gasLimit",
          "eip1559Params",
          "operatorFeeParams",
          "minBaseFee",
          "daFootprintGasScalar");
  private static final Set<String> ALT_DA =
      Set.of(
          "da_challenge_contract_address",
          "da_commitment_type",
          "da_challenge_window",
          "da_resolve_window");
  private static final Set<String> CHAIN_OP_CONFIG =
      Set.of("eip1559Elasticity", "eip1559Denominator", "eip1559DenominatorCanyon");

  private RollupConfigJson() {}

  /**
   * Writes {@code config} as op-node writes {@code rollup.json}: op-node's field names, numbers as
   * JSON integers, absent values left out, so that {@link #parse} (and op-node) read it back equal.
   */
  static ObjectNode write(RollupConfig config) {
    ObjectNode root = JsonNodeFactory.instance.objectNode();
    ObjectNode genesis = root.putObject("genesis");
    blockId(genesis.putObject("l1"), config.genesis().l1());
    blockId(genesis.putObject("l2"), config.genesis().l2());
    genesis.put("l2_time", unsigned(config.genesis().l2Time()));
    SystemConfig sc = config.genesis().systemConfig();
    ObjectNode system = genesis.putObject("system_config");
    system.put("batcherAddr", sc.batcherAddr().toHex());
    system.put("overhead", sc.overhead().toHex());
    system.put("scalar", sc.scalar().toHex());
    system.put("gasLimit", unsigned(sc.gasLimit()));
    sc.eip1559Params().ifPresent(p -> system.put("eip1559Params", p.toHex()));
    sc.operatorFeeParams().ifPresent(p -> system.put("operatorFeeParams", p.toHex()));
    sc.minBaseFee().ifPresent(v -> system.put("minBaseFee", unsigned(v)));
    sc.daFootprintGasScalar().ifPresent(v -> system.put("daFootprintGasScalar", unsigned(v)));
    root.put("block_time", unsigned(config.blockTime()));
    root.put("max_sequencer_drift", unsigned(config.maxSequencerDrift()));
    root.put("seq_window_size", unsigned(config.seqWindowSize()));
    root.put("channel_timeout", unsigned(config.channelTimeout()));
    root.put("l1_chain_id", BigInteger.valueOf(config.l1ChainId()));
    root.put("l2_chain_id", BigInteger.valueOf(config.l2ChainId()));
    for (OpFork fork : OpFork.values()) {
      Long time = config.forkTimes().get(fork);
      if (time != null) {
        root.put(fork.name().toLowerCase(java.util.Locale.ROOT) + "_time", unsigned(time));
      }
    }
    config
        .pectraBlobScheduleTime()
        .ifPresent(t -> root.put("pectra_blob_schedule_time", unsigned(t)));
    config.laterForkTimes().forEach((key, time) -> root.put(key, unsigned(time)));
    root.put("batch_inbox_address", config.batchInboxAddress().toHex());
    root.put("deposit_contract_address", config.depositContractAddress().toHex());
    root.put("l1_system_config_address", config.l1SystemConfigAddress().toHex());
    config
        .protocolVersionsAddress()
        .ifPresent(a -> root.put("protocol_versions_address", a.toHex()));
    config
        .altDa()
        .ifPresent(
            a -> {
              ObjectNode alt = root.putObject("alt_da");
              alt.put("da_challenge_contract_address", a.daChallengeAddress().toHex());
              alt.put("da_commitment_type", a.commitmentType());
              alt.put("da_challenge_window", unsigned(a.daChallengeWindow()));
              alt.put("da_resolve_window", unsigned(a.daResolveWindow()));
            });
    config
        .chainOpConfig()
        .ifPresent(
            o -> {
              ObjectNode op = root.putObject("chain_op_config");
              op.put("eip1559Elasticity", unsigned(o.eip1559Elasticity()));
              op.put("eip1559Denominator", unsigned(o.eip1559Denominator()));
              o.eip1559DenominatorCanyon()
                  .ifPresent(d -> op.put("eip1559DenominatorCanyon", unsigned(d)));
            });
    return root;
  }

  private static void blockId(ObjectNode node, BlockId id) {
    node.put("hash", id.hash().toHex());
    node.put("number", unsigned(id.number()));
  }

  /** A Go uint64 as a JSON integer (Java longs above 2^63 are negative). */
  private static BigInteger unsigned(long value) {
    return new BigInteger(Long.toUnsignedString(value));
  }

  static RollupConfig parse(JsonNode json) {
    JsonNode root = object(json, "rollup config");
    onlyKnown(root, TOP_LEVEL, "");
    Map<OpFork, Long> forkTimes = new EnumMap<>(OpFork.class);
    for (OpFork fork : OpFork.values()) {
      if (fork != OpFork.BEDROCK) {
        String key = fork.name().toLowerCase(java.util.Locale.ROOT) + "_time";
        optionalUint64(root, key, "").ifPresent(t -> forkTimes.put(fork, t));
      }
    }
    Map<String, Long> later = new HashMap<>();
    for (String key : LATER_FORKS) {
      optionalUint64(root, key, "").ifPresent(t -> later.put(key, t));
    }
    RollupConfig config =
        new RollupConfig(
            genesis(required(root, "genesis", "")),
            requiredUint64(root, "block_time", ""),
            optionalUint64(root, "max_sequencer_drift", "").orElse(0),
            requiredUint64(root, "seq_window_size", ""),
            requiredUint64(root, "channel_timeout", ""),
            chainId(root, "l1_chain_id"),
            chainId(root, "l2_chain_id"),
            forkTimes,
            optionalUint64(root, "pectra_blob_schedule_time", ""),
            later,
            requiredAddress(root, "batch_inbox_address", ""),
            requiredAddress(root, "deposit_contract_address", ""),
            requiredAddress(root, "l1_system_config_address", ""),
            optionalAddress(root, "protocol_versions_address", ""),
            altDa(root),
            chainOpConfig(root));
    check(config);
    return config;
  }

  private static RollupGenesis genesis(JsonNode json) {
    JsonNode g = object(json, "genesis");
    onlyKnown(g, GENESIS, "genesis.");
    return new RollupGenesis(
        blockId(required(g, "l1", "genesis."), "genesis.l1."),
        blockId(required(g, "l2", "genesis."), "genesis.l2."),
        requiredUint64(g, "l2_time", "genesis."),
        systemConfig(required(g, "system_config", "genesis.")));
  }

  private static BlockId blockId(JsonNode json, String prefix) {
    JsonNode b = object(json, prefix.substring(0, prefix.length() - 1));
    onlyKnown(b, BLOCK_ID, prefix);
    return new BlockId(requiredHash(b, "hash", prefix), requiredUint64(b, "number", prefix));
  }

  private static SystemConfig systemConfig(JsonNode json) {
    String prefix = "genesis.system_config.";
    JsonNode s = object(json, "genesis.system_config");
    onlyKnown(s, SYSTEM_CONFIG, prefix);
    Optional<Bytes> eip1559Params = Optional.empty();
    if (present(s, "eip1559Params")) {
      byte[] params = hex(s, "eip1559Params", prefix);
      if (params.length != 8) {
        throw error(prefix + "eip1559Params", "must be 8 bytes, found " + params.length);
      }
      eip1559Params = Optional.of(Bytes.wrap(params));
    }
    return new SystemConfig(
        requiredAddress(s, "batcherAddr", prefix),
        requiredHash(s, "overhead", prefix),
        requiredHash(s, "scalar", prefix),
        requiredUint64(s, "gasLimit", prefix),
        eip1559Params,
        present(s, "operatorFeeParams")
            ? Optional.of(requiredHash(s, "operatorFeeParams", prefix))
            : Optional.empty(),
        optionalUint64(s, "minBaseFee", prefix),
        optionalUint64(s, "daFootprintGasScalar", prefix));
  }

  /** The alt-DA section, or the legacy top-level fields op-node still accepts with use_plasma. */
  private static Optional<AltDaConfig> altDa(JsonNode root) {
    String key = present(root, "alt_da") ? "alt_da" : "plasma_config";
    if (present(root, key)) {
      JsonNode a = object(root.get(key), key);
      onlyKnown(a, ALT_DA, key + ".");
      String type = a.has("da_commitment_type") ? text(a, "da_commitment_type", key + ".") : "";
      if (!type.equals("KeccakCommitment") && !type.equals("GenericCommitment")) {
        throw error(key + ".da_commitment_type", "invalid commitment type '" + type + "'");
      }
      return Optional.of(
          new AltDaConfig(
              optionalAddress(a, "da_challenge_contract_address", key + ".").orElse(Address.ZERO),
              type,
              optionalUint64(a, "da_challenge_window", key + ".").orElse(0),
              optionalUint64(a, "da_resolve_window", key + ".").orElse(0)));
    }
    if (present(root, "use_plasma") && root.get("use_plasma").asBoolean(false)) {
      return Optional.of(
          new AltDaConfig(
              optionalAddress(root, "da_challenge_contract_address", "").orElse(Address.ZERO),
              "KeccakCommitment",
              optionalUint64(root, "da_challenge_window", "").orElse(0),
              optionalUint64(root, "da_resolve_window", "").orElse(0)));
    }
    return Optional.empty();
  }

  private static Optional<OptimismConfig> chainOpConfig(JsonNode root) {
    if (!present(root, "chain_op_config")) {
      return Optional.empty();
    }
    String prefix = "chain_op_config.";
    JsonNode c = object(root.get("chain_op_config"), "chain_op_config");
    onlyKnown(c, CHAIN_OP_CONFIG, prefix);
    try {
      return Optional.of(
          new OptimismConfig(
              requiredUint64(c, "eip1559Elasticity", prefix),
              requiredUint64(c, "eip1559Denominator", prefix),
              optionalUint64(c, "eip1559DenominatorCanyon", prefix)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("rollup config chain_op_config: " + e.getMessage(), e);
    }
  }

  /** op-node's {@code Config.Check}. */
  private static void check(RollupConfig c) {
    if (c.blockTime() == 0) {
      throw error("block_time", "block time cannot be 0");
    }
    if (c.channelTimeout() == 0) {
      throw error("channel_timeout", "channel timeout must be set");
    }
    if (Long.compareUnsigned(c.seqWindowSize(), 2) < 0) {
      throw error("seq_window_size", "sequencing window size must at least be 2");
    }
    RollupGenesis g = c.genesis();
    if (g.l1().hash().isZero()) {
      throw error("genesis.l1.hash", "genesis L1 hash cannot be empty");
    }
    if (g.l2().hash().isZero()) {
      throw error("genesis.l2.hash", "genesis L2 hash cannot be empty");
    }
    if (g.l1().hash().equals(g.l2().hash())) {
      throw error("genesis", "L1 and L2 genesis cannot be the same");
    }
    if (g.l2Time() == 0) {
      throw error("genesis.l2_time", "missing L2 genesis time");
    }
    if (g.systemConfig().batcherAddr().equals(Address.ZERO)) {
      throw error("genesis.system_config.batcherAddr", "missing genesis batcher address");
    }
    if (g.systemConfig().scalar().isZero()) {
      throw error("genesis.system_config.scalar", "missing genesis system config scalar");
    }
    if (g.systemConfig().gasLimit() == 0) {
      throw error("genesis.system_config.gasLimit", "missing genesis system config gas limit");
    }
    if (c.batchInboxAddress().equals(Address.ZERO)) {
      throw error("batch_inbox_address", "missing batch inbox address");
    }
    if (c.depositContractAddress().equals(Address.ZERO)) {
      throw error("deposit_contract_address", "missing deposit contract address");
    }
    if (c.l1ChainId() == c.l2ChainId()) {
      throw error("l2_chain_id", "L1 and L2 chain IDs must be different");
    }
    // Each fork needs its predecessor, at the same time or earlier (op-node checkFork).
    OpFork[] ordered = {
      OpFork.REGOLITH,
      OpFork.CANYON,
      OpFork.DELTA,
      OpFork.ECOTONE,
      OpFork.FJORD,
      OpFork.GRANITE,
      OpFork.HOLOCENE,
      OpFork.ISTHMUS,
      OpFork.JOVIAN
    };
    for (int i = 1; i < ordered.length; i++) {
      Long before = c.forkTimes().get(ordered[i - 1]);
      Long time = c.forkTimes().get(ordered[i]);
      String field = ordered[i].name().toLowerCase(java.util.Locale.ROOT) + "_time";
      if (time != null && before == null) {
        throw error(
            field,
            "fork "
                + ordered[i].displayName()
                + " set (to "
                + Long.toUnsignedString(time)
                + "), but prior fork "
                + ordered[i - 1].displayName()
                + " missing");
      }
      if (time != null && Long.compareUnsigned(before, time) > 0) {
        throw error(
            field,
            "fork "
                + ordered[i].displayName()
                + " set to "
                + Long.toUnsignedString(time)
                + ", but prior fork "
                + ordered[i - 1].displayName()
                + " has higher offset "
                + Long.toUnsignedString(before));
      }
    }
  }

  // ---- field readers ----

  private static JsonNode object(JsonNode json, String name) {
    if (json == null || !json.isObject()) {
      throw error(name, "must be a JSON object");
    }
    return json;
  }

  private static void onlyKnown(JsonNode object, Set<String> known, String prefix) {
    Iterator<String> names = object.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!known.contains(name)) {
        throw error(prefix + name, "unknown field");
      }
    }
  }

  private static boolean present(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value != null && !value.isNull();
  }

  private static JsonNode required(JsonNode object, String name, String prefix) {
    if (!present(object, name)) {
      throw error(prefix + name, "missing");
    }
    return object.get(name);
  }

  private static long requiredUint64(JsonNode object, String name, String prefix) {
    JsonNode value = required(object, name, prefix);
    return uint64(value, prefix + name);
  }

  private static OptionalLong optionalUint64(JsonNode object, String name, String prefix) {
    return present(object, name)
        ? OptionalLong.of(uint64(object.get(name), prefix + name))
        : OptionalLong.empty();
  }

  private static long uint64(JsonNode value, String field) {
    if (!value.isIntegralNumber()) {
      throw error(field, "must be a JSON integer, found " + value);
    }
    BigInteger v = value.bigIntegerValue();
    if (v.signum() < 0 || v.compareTo(MAX_UINT64) > 0) {
      throw error(field, "out of the uint64 range: " + v);
    }
    return v.longValue();
  }

  private static long chainId(JsonNode root, String name) {
    JsonNode value = required(root, name, "");
    if (!value.isIntegralNumber()) {
      throw error(name, "must be a JSON integer, found " + value);
    }
    BigInteger v = value.bigIntegerValue();
    if (v.signum() < 1) {
      throw error(name, "chain ID must be non-zero and positive");
    }
    if (v.bitLength() > 63) {
      throw error(name, "chain ID " + v + " is larger than this engine supports");
    }
    return v.longValue();
  }

  private static String text(JsonNode object, String name, String prefix) {
    JsonNode value = object.get(name);
    if (value == null || !value.isTextual()) {
      throw error(prefix + name, "must be a string");
    }
    return value.asText();
  }

  private static byte[] hex(JsonNode object, String name, String prefix) {
    String text = text(object, name, prefix);
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw error(prefix + name, "invalid hex: " + e.getMessage());
    }
  }

  private static Hash requiredHash(JsonNode object, String name, String prefix) {
    required(object, name, prefix);
    byte[] bytes = hex(object, name, prefix);
    if (bytes.length != Hash.LENGTH) {
      throw error(prefix + name, "must be 32 bytes, found " + bytes.length);
    }
    return Hash.wrap(bytes);
  }

  private static Address requiredAddress(JsonNode object, String name, String prefix) {
    required(object, name, prefix);
    return address(object, name, prefix);
  }

  private static Optional<Address> optionalAddress(JsonNode object, String name, String prefix) {
    return present(object, name) ? Optional.of(address(object, name, prefix)) : Optional.empty();
  }

  private static Address address(JsonNode object, String name, String prefix) {
    byte[] bytes = hex(object, name, prefix);
    if (bytes.length != Address.LENGTH) {
      throw error(prefix + name, "must be 20 bytes, found " + bytes.length);
    }
    return Address.wrap(bytes);
  }

  private static IllegalArgumentException error(String field, String message) {
    return new IllegalArgumentException("rollup config field '" + field + "': " + message);
  }
}
