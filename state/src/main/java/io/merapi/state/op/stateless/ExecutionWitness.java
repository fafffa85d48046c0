package io.merapi.state.op.stateless;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.types.block.Header;
import io.merapi.types.json.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The data a block's stateless execution reads, in the JSON of geth's and reth's {@code
 * debug_executionWitness}: {@code state} (RLP of the trie nodes on every path touched, state and
 * storage tries alike), {@code codes} (bytecodes), {@code keys} (preimages of the hashed trie keys:
 * addresses and slots) and {@code headers} (RLP of the ancestor headers BLOCKHASH needs). Nodes and
 * codes are found by their keccak-256, whichever list holds them.
 */
public record ExecutionWitness(
    List<Bytes> state, List<Bytes> codes, List<Bytes> keys, List<Bytes> headers) {

  public ExecutionWitness {
    state = List.copyOf(state);
    codes = List.copyOf(codes);
    keys = List.copyOf(keys);
    headers = List.copyOf(headers);
  }

  /**
   * Reads the JSON object in any of the shapes clients serve: reth's (every field a list of hex
   * strings, {@code headers} as header RLPs), op-geth's and older reth's ({@code state}, {@code
   * codes} and {@code keys} as objects from hash to hex preimage), and geth's (headers as JSON-RPC
   * header objects; Go's field names {@code State}, {@code Codes}, {@code Keys}, {@code Headers}
   * are taken too). Every field is optional (absent or null means empty). Preimages are indexed by
   * their own hash, so a map's keys are not trusted.
   *
   * @throws IllegalArgumentException naming the field and index of a bad element
   */
  public static ExecutionWitness fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("execution witness must be a JSON object");
    }
    Map<String, JsonNode> fields = new HashMap<>();
    for (var entry : json.properties()) {
      String name = entry.getKey().toLowerCase(java.util.Locale.ROOT);
      if (!FIELDS.contains(name)) {
        throw new IllegalArgumentException(
            "execution witness has an unknown field '" + entry.getKey() + "'");
      }
      if (fields.put(name, entry.getValue()) != null) {
        throw new IllegalArgumentException("execution witness has the field '" + name + "' twice");
      }
    }
    return new ExecutionWitness(
        preimages(fields, "state"),
        preimages(fields, "codes"),
        preimages(fields, "keys"),
        headers(fields.get("headers")));
  }

  private static final List<String> FIELDS = List.of("state", "codes", "keys", "headers");

  private static List<Bytes> preimages(Map<String, JsonNode> fields, String name) {
    JsonNode value = fields.get(name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    List<Bytes> out = new ArrayList<>(value.size());
    if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        out.add(hex(value.get(i), name + "[" + i + "]"));
      }
    } else if (value.isObject()) {
      for (var entry : value.properties()) {
        out.add(hex(entry.getValue(), name + "[" + entry.getKey() + "]"));
      }
    } else {
      throw new IllegalArgumentException(
          "execution witness '" + name + "' must be an array or an object");
    }
    return out;
  }

  private static List<Bytes> headers(JsonNode value) {
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (!value.isArray()) {
      throw new IllegalArgumentException("execution witness 'headers' must be an array");
    }
    List<Bytes> out = new ArrayList<>(value.size());
    for (int i = 0; i < value.size(); i++) {
      JsonNode item = value.get(i);
      if (item.isObject()) {
        // geth's form: the header as JSON-RPC prints it.
        Header header;
        try {
          header = Json.mapper().treeToValue(item, Header.class);
        } catch (JsonProcessingException | RuntimeException e) {
          throw new IllegalArgumentException(
              "execution witness headers[" + i + "] is not a block header: " + e.getMessage(), e);
        }
        out.add(Bytes.wrap(header.encoded()));
      } else {
        out.add(hex(item, "headers[" + i + "]"));
      }
    }
    return out;
  }

  private static Bytes hex(JsonNode item, String where) {
    if (item == null || !item.isTextual() || !item.asText().startsWith("0x")) {
      throw new IllegalArgumentException(
          "execution witness " + where + " must be a 0x-prefixed hex string");
    }
    try {
      return Bytes.wrap(Hex.decode(item.asText()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("execution witness " + where + ": " + e.getMessage(), e);
    }
  }

  /** The JSON reth serves: four lists of 0x-prefixed hex strings, headers as RLP. */
  public Map<String, List<String>> toJson() {
    Map<String, List<String>> out = new java.util.LinkedHashMap<>();
    out.put("state", state.stream().map(Bytes::toHex).toList());
    out.put("codes", codes.stream().map(Bytes::toHex).toList());
    out.put("keys", keys.stream().map(Bytes::toHex).toList());
    out.put("headers", headers.stream().map(Bytes::toHex).toList());
    return out;
  }

  /** Every node and code by its keccak-256. */
  public Map<Hash, byte[]> preimages() {
    Map<Hash, byte[]> byHash = new HashMap<>(2 * (state.size() + codes.size()));
    for (Bytes node : state) {
      byHash.put(Keccak256.digest(node.array()), node.array());
    }
    for (Bytes code : codes) {
      byHash.put(Keccak256.digest(code.array()), code.array());
    }
    return byHash;
  }

  /**
   * The ancestor headers, decoded.
   *
   * @throws IllegalArgumentException if one is not a header's RLP
   */
  public List<Header> decodedHeaders() {
    List<Header> out = new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      try {
        out.add(Header.decode(headers.get(i).array()));
      } catch (RuntimeException e) {
        throw new IllegalArgumentException(
            "execution witness headers[" + i + "] is not a block header: " + e.getMessage(), e);
      }
    }
    return out;
  }

  /** The preimage of {@code hash} among nodes and codes, for callers that index themselves. */
  public static Optional<byte[]> lookup(Map<Hash, byte[]> preimages, Hash hash) {
    return Optional.ofNullable(preimages.get(hash));
  }
}
