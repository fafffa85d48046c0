package io.merapi.execution.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the fields of one JSON object argument (geth's argument structs: {@code TransactionArgs},
 * {@code FilterCriteria}, overrides) with messages in the shape of Go's JSON decoder, which clients
 * see after {@code invalid argument N: }. Absent and {@code null} fields are empty.
 */
public final class ArgFields {
  private final JsonNode object;
  private final String struct;

  private ArgFields(JsonNode object, String struct) {
    this.object = object;
    this.struct = struct;
  }

  /**
   * @throws IllegalArgumentException if {@code node} is not an object
   */
  public static ArgFields of(JsonNode node, String struct) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(
          "json: cannot unmarshal " + kind(node) + " into Go value of type " + struct);
    }
    return new ArgFields(node, struct);
  }

  public Optional<JsonNode> node(String name) {
    JsonNode value = object.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public boolean has(String name) {
    return node(name).isPresent();
  }

  public Optional<Address> address(String name) {
    return node(name).map(n -> Address.wrap(fixed(n, name, 20, "common.Address")));
  }

  public Optional<Hash> hash(String name) {
    return node(name).map(n -> Hash.wrap(fixed(n, name, 32, "common.Hash")));
  }

  public Optional<Bytes> bytes(String name) {
    return node(name).map(n -> Bytes.wrap(data(n, name, "hexutil.Bytes")));
  }

  /** A {@code hexutil.Uint64}. */
  public OptionalLong uint64(String name) {
    Optional<JsonNode> node = node(name);
    if (node.isEmpty()) {
      return OptionalLong.empty();
    }
    String text = text(node.get(), name, "hexutil.Uint64");
    try {
      return OptionalLong.of(BlockParam.decodeUint64(text));
    } catch (IllegalArgumentException e) {
      throw field(name, "hexutil.Uint64", e.getMessage());
    }
  }

  /** A {@code hexutil.Big} of at most 256 bits. */
  public Optional<UInt256> big(String name) {
    Optional<JsonNode> node = node(name);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    String text = text(node.get(), name, "hexutil.Big");
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw field(name, "*hexutil.Big", "hex string without 0x prefix");
    }
    String digits = text.substring(2);
    if (digits.isEmpty()) {
      throw field(name, "*hexutil.Big", "hex string \"0x\"");
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw field(name, "*hexutil.Big", "hex number with leading zero digits");
    }
    if (digits.length() > 64) {
      throw field(name, "*hexutil.Big", "hex number > 256 bits");
    }
    try {
      return Optional.of(UInt256.valueOf(new BigInteger(digits, 16)));
    } catch (NumberFormatException e) {
      throw field(name, "*hexutil.Big", "invalid hex string");
    }
  }

  public Optional<List<Hash>> hashes(String name) {
    Optional<JsonNode> node = node(name);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (!node.get().isArray()) {
      throw field(name, "[]common.Hash", "cannot unmarshal " + kind(node.get()));
    }
    List<Hash> out = new ArrayList<>();
    for (JsonNode item : node.get()) {
      out.add(Hash.wrap(fixed(item, name, 32, "common.Hash")));
    }
    return Optional.of(out);
  }

  private String text(JsonNode node, String name, String type) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException(
          "json: cannot unmarshal "
              + kind(node)
              + " into Go struct field "
              + struct
              + "."
              + name
              + " of type "
              + type);
    }
    return node.textValue();
  }

  private byte[] data(JsonNode node, String name, String type) {
    String text = text(node, name, type);
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw field(name, type, "hex string without 0x prefix");
    }
    String digits = text.substring(2);
    if (digits.length() % 2 != 0) {
      throw field(name, type, "hex string of odd length");
    }
    try {
      return HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw field(name, type, "invalid hex string");
    }
  }

  private byte[] fixed(JsonNode node, String name, int length, String type) {
    byte[] data = data(node, name, type);
    if (data.length != length) {
      throw field(
          name,
          type,
          "hex string has length " + 2 * data.length + ", want " + 2 * length + " for " + type);
    }
    return data;
  }

  private IllegalArgumentException field(String name, String type, String why) {
    return new IllegalArgumentException(
        "json: cannot unmarshal "
            + why
            + " into Go struct field "
            + struct
            + "."
            + name
            + " of type "
            + type);
  }

  public static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case NUMBER -> "number";
      case BOOLEAN -> "bool";
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case STRING -> "string";
      default -> "value";
    };
  }
}
