package io.merapi.state.op.stateless;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import io.merapi.types.block.Header;
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
   * Reads the JSON object; every list is optional (absent or null means empty) and every element
   * must be a 0x-prefixed hex string.
   *
   * @throws IllegalArgumentException naming the list and index of a bad element
   */
  public static ExecutionWitness fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("execution witness must be a JSON object");
    }
    for (var names = json.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!List.of("state", "codes", "keys", "headers").contains(name)) {
        throw new IllegalArgumentException("execution witness has an unknown field '" + name + "'");
      }
    }
    return new ExecutionWitness(
        list(json, "state"), list(json, "codes"), list(json, "keys"), list(json, "headers"));
  }

  private static List<Bytes> list(JsonNode json, String name) {
    JsonNode array = json.get(name);
    if (array == null || array.isNull()) {
      return List.of();
    }
    if (!array.isArray()) {
      throw new IllegalArgumentException("execution witness '" + name + "' must be an array");
    }
    List<Bytes> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      if (!item.isTextual() || !item.asText().startsWith("0x")) {
        throw new IllegalArgumentException(
            "execution witness " + name + "[" + i + "] must be a 0x-prefixed hex string");
      }
      try {
        out.add(Bytes.wrap(Hex.decode(item.asText())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "execution witness " + name + "[" + i + "]: " + e.getMessage(), e);
      }
    }
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
