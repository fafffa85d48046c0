package io.merapi.state.tool.t8n;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import io.merapi.state.tool.FixtureJson;
import io.merapi.types.block.Withdrawal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The block environment of t8n's {@code env.json}, in geth's field names ({@code currentCoinbase},
 * {@code currentNumber}, {@code parentBaseFee}, {@code blockHashes}, {@code withdrawals}, ...).
 * Numbers may be hex or decimal.
 */
public record T8nEnv(
    Address coinbase,
    Optional<UInt256> difficulty,
    Optional<UInt256> random,
    Optional<UInt256> parentDifficulty,
    Optional<UInt256> parentBaseFee,
    long parentGasUsed,
    long parentGasLimit,
    long gasLimit,
    long number,
    long timestamp,
    long parentTimestamp,
    Map<Long, Hash> blockHashes,
    List<Ommer> ommers,
    Optional<List<Withdrawal>> withdrawals,
    Optional<UInt256> baseFee,
    Hash parentUncleHash,
    OptionalLong excessBlobGas,
    OptionalLong parentExcessBlobGas,
    OptionalLong parentBlobGasUsed,
    Optional<Hash> parentBeaconBlockRoot) {

  /** An uncle of the block: its miner and how many blocks older it is. */
  public record Ommer(long delta, Address address) {}

  public static T8nEnv fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new T8nException(T8nException.JSON, "env is not a JSON object");
    }
    try {
      Map<Long, Hash> hashes = new TreeMap<>();
      FixtureJson.field(json, "blockHashes")
          .ifPresent(
              h -> {
                for (Map.Entry<String, JsonNode> e : h.properties()) {
                  hashes.put(
                      FixtureJson.uint64(
                          new com.fasterxml.jackson.databind.node.TextNode(e.getKey())),
                      Hash.fromHex(e.getValue().asText()));
                }
              });
      List<Ommer> ommers = new ArrayList<>();
      FixtureJson.field(json, "ommers")
          .ifPresent(
              list ->
                  list.forEach(
                      o ->
                          ommers.add(
                              new Ommer(
                                  FixtureJson.uint64(o.get("delta")),
                                  FixtureJson.address(o.get("address"))))));
      Optional<List<Withdrawal>> withdrawals =
          FixtureJson.field(json, "withdrawals")
              .map(
                  list -> {
                    List<Withdrawal> out = new ArrayList<>();
                    list.forEach(
                        w ->
                            out.add(
                                new Withdrawal(
                                    FixtureJson.uint64(w.get("index")),
                                    FixtureJson.uint64(w.get("validatorIndex")),
                                    FixtureJson.address(w.get("address")),
                                    FixtureJson.uint64(w.get("amount")))));
                    return out;
                  });
      return new T8nEnv(
          FixtureJson.address(required(json, "currentCoinbase")),
          FixtureJson.field(json, "currentDifficulty").map(FixtureJson::uint),
          FixtureJson.field(json, "currentRandom").map(FixtureJson::uint),
          FixtureJson.field(json, "parentDifficulty").map(FixtureJson::uint),
          FixtureJson.field(json, "parentBaseFee").map(FixtureJson::uint),
          uint64(json, "parentGasUsed"),
          uint64(json, "parentGasLimit"),
          FixtureJson.uint64(required(json, "currentGasLimit")),
          FixtureJson.uint64(required(json, "currentNumber")),
          FixtureJson.uint64(required(json, "currentTimestamp")),
          uint64(json, "parentTimestamp"),
          hashes,
          ommers,
          withdrawals,
          FixtureJson.field(json, "currentBaseFee").map(FixtureJson::uint),
          FixtureJson.field(json, "parentUncleHash").map(FixtureJson::hash).orElse(Hash.ZERO),
          optionalUint64(json, "currentExcessBlobGas"),
          optionalUint64(json, "parentExcessBlobGas"),
          optionalUint64(json, "parentBlobGasUsed"),
          FixtureJson.field(json, "parentBeaconBlockRoot").map(FixtureJson::hash));
    } catch (T8nException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new T8nException(T8nException.JSON, "bad env: " + e.getMessage());
    }
  }

  private static JsonNode required(JsonNode json, String name) {
    return FixtureJson.field(json, name)
        .orElseThrow(
            () -> new T8nException(T8nException.JSON, "env lacks required field '" + name + "'"));
  }

  private static long uint64(JsonNode json, String name) {
    return FixtureJson.field(json, name).map(FixtureJson::uint64).orElse(0L);
  }

  private static OptionalLong optionalUint64(JsonNode json, String name) {
    Optional<JsonNode> value = FixtureJson.field(json, name);
    return value.isPresent()
        ? OptionalLong.of(FixtureJson.uint64(value.get()))
        : OptionalLong.empty();
  }
}
