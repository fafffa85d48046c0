package io.merapi.types.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A geth-format genesis file (geth core.Genesis, with op-geth's additions): the chain config, the
 * genesis header fields and the initial state ({@code alloc}). Numbers are read leniently as geth
 * does (JSON numbers, hex or decimal strings). Turning this into a block and a state root is the
 * state/execution modules' job.
 *
 * <p>{@code stateHash} is op-geth's: a genesis whose state is too large to list gives only its
 * root; {@code alloc} is then empty.
 */
public record Genesis(
    ChainConfig config,
    long nonce,
    long timestamp,
    Bytes extraData,
    long gasLimit,
    Optional<UInt256> difficulty,
    Hash mixHash,
    Address coinbase,
    Map<Address, GenesisAccount> alloc,
    long number,
    long gasUsed,
    Hash parentHash,
    Optional<UInt256> baseFeePerGas,
    OptionalLong excessBlobGas,
    OptionalLong blobGasUsed,
    Optional<Hash> stateHash) {

  public Genesis {
    alloc = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(alloc));
  }

  /**
   * A genesis at block 0 with only a config, a time, a gas limit and an initial state: zero
   * difficulty, nonce, coinbase and mix hash, no extra data, and the header fields that later forks
   * add left to their defaults (base fee 1 gwei, no blob gas).
   */
  public static Genesis of(
      ChainConfig config, long timestamp, long gasLimit, Map<Address, GenesisAccount> alloc) {
    return new Genesis(
        config,
        0,
        timestamp,
        Bytes.EMPTY,
        gasLimit,
        Optional.of(UInt256.ZERO),
        Hash.ZERO,
        Address.ZERO,
        alloc,
        0,
        0,
        Hash.ZERO,
        Optional.empty(),
        OptionalLong.empty(),
        OptionalLong.empty(),
        Optional.empty());
  }

  public static Genesis read(Path file) throws IOException {
    return fromJson(new ObjectMapper().readTree(file.toFile()));
  }

  public static Genesis fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("genesis must be a JSON object");
    }
    if (!GenesisValues.has(json, "config")) {
      throw new IllegalArgumentException("genesis has no 'config' section");
    }
    ChainConfig config = ChainConfig.fromJson(json.get("config"));
    Map<Address, GenesisAccount> alloc = new LinkedHashMap<>();
    JsonNode allocJson = json.get("alloc");
    if (allocJson != null && !allocJson.isNull()) {
      if (!allocJson.isObject()) {
        throw new IllegalArgumentException("genesis 'alloc' must be an object");
      }
      for (Map.Entry<String, JsonNode> e : allocJson.properties()) {
        String key = e.getKey().startsWith("0x") ? e.getKey() : "0x" + e.getKey();
        Address address = GenesisValues.address("alloc key", key);
        try {
          alloc.put(address, account(e.getValue()));
        } catch (IllegalArgumentException bad) {
          throw new IllegalArgumentException(
              "alloc account " + address + ": " + bad.getMessage(), bad);
        }
      }
    }
    return new Genesis(
        config,
        GenesisValues.uint64OrZero(json, "nonce"),
        GenesisValues.uint64OrZero(json, "timestamp"),
        GenesisValues.bytes(json, "extraData"),
        GenesisValues.uint64OrZero(json, "gasLimit"),
        GenesisValues.optionalUint256(json, "difficulty"),
        GenesisValues.optionalWord(json, "mixHash").orElse(Hash.ZERO),
        GenesisValues.optionalAddress(json, "coinbase").orElse(Address.ZERO),
        alloc,
        GenesisValues.uint64OrZero(json, "number"),
        GenesisValues.uint64OrZero(json, "gasUsed"),
        GenesisValues.optionalWord(json, "parentHash").orElse(Hash.ZERO),
        GenesisValues.optionalUint256(json, "baseFeePerGas"),
        GenesisValues.optionalUint64(json, "excessBlobGas"),
        GenesisValues.optionalUint64(json, "blobGasUsed"),
        GenesisValues.optionalWord(json, "stateHash"));
  }

  private static GenesisAccount account(JsonNode json) {
    if (!json.isObject()) {
      throw new IllegalArgumentException("must be an object");
    }
    Map<Hash, Hash> storage = new LinkedHashMap<>();
    JsonNode storageJson = json.get("storage");
    if (storageJson != null && !storageJson.isNull()) {
      for (Map.Entry<String, JsonNode> e : storageJson.properties()) {
        storage.put(
            GenesisValues.word("storage key", e.getKey()),
            GenesisValues.word("storage value", e.getValue().asText()));
      }
    }
    return new GenesisAccount(
        GenesisValues.has(json, "balance") ? GenesisValues.uint256(json, "balance") : UInt256.ZERO,
        GenesisValues.uint64OrZero(json, "nonce"),
        GenesisValues.bytes(json, "code"),
        storage);
  }
}
