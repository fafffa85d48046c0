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
 * Reads the fields of one JSON object argument (a transaction, a filter, overrides), with messages
 * that name the field, its object and what was wrong ({@link ArgText}), which clients see after
 * {@code invalid argument N: }. Absent and {@code null} fields are empty.
 */
public final class ArgFields {
  private final JsonNode object;
  private final String name;

  private ArgFields(JsonNode object, String name) {
    this.object = object;
    this.name = name;
  }

  /**
   * @param name what the object is, for messages ({@code transaction}, {@code block overrides})
   * @throws IllegalArgumentException if {@code node} is not an object
   */
  public static ArgFields of(JsonNode node, String name) {
    if (!node.isObject()) {
      throw new IllegalArgumentException(ArgText.expected("an object for the " + name, node));
    }
    return new ArgFields(node, name);
  }

  public Optional<JsonNode> node(String field) {
    JsonNode value = object.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  public boolean has(String field) {
    return node(field).isPresent();
  }

  public Optional<Address> address(String field) {
    return node(field).map(n -> Address.wrap(fixed(n, field, 20, "a 20-byte address")));
  }

  public Optional<Hash> hash(String field) {
    return node(field).map(n -> Hash.wrap(fixed(n, field, 32, "a 32-byte hash")));
  }

  public Optional<Bytes> bytes(String field) {
    return node(field).map(n -> Bytes.wrap(data(n, field)));
  }

  /** A hex quantity of at most 64 bits. */
  public OptionalLong uint64(String field) {
    Optional<JsonNode> node = node(field);
    if (node.isEmpty()) {
      return OptionalLong.empty();
    }
    String text = text(node.get(), field);
    try {
      return OptionalLong.of(BlockParam.decodeUint64(text));
    } catch (IllegalArgumentException e) {
      throw problem(field, e.getMessage());
    }
  }

  /** A hex quantity of at most 256 bits. */
  public Optional<UInt256> big(String field) {
    Optional<JsonNode> node = node(field);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    String text = text(node.get(), field);
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw problem(field, "hex string without 0x prefix");
    }
    String digits = text.substring(2);
    if (digits.isEmpty()) {
      throw problem(field, "hex string \"0x\"");
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw problem(field, "hex number with leading zero digits");
    }
    if (digits.length() > 64) {
      throw problem(field, "hex number > 256 bits");
    }
    try {
      return Optional.of(UInt256.valueOf(new BigInteger(digits, 16)));
    } catch (NumberFormatException e) {
      throw problem(field, "invalid hex string");
    }
  }

  public Optional<List<Hash>> hashes(String field) {
    Optional<JsonNode> node = node(field);
    if (node.isEmpty()) {
      return Optional.empty();
    }
    if (!node.get().isArray()) {
      throw problem(field, ArgText.expected("an array of 32-byte hashes", node.get()));
    }
    List<Hash> out = new ArrayList<>();
    for (JsonNode item : node.get()) {
      out.add(Hash.wrap(fixed(item, field, 32, "a 32-byte hash")));
    }
    return Optional.of(out);
  }

  /** A failure of {@code field} of this object, in {@link ArgText#field}'s words. */
  public IllegalArgumentException problem(String field, String problem) {
    return new IllegalArgumentException(ArgText.field(field, name, problem));
  }

  private String text(JsonNode node, String field) {
    if (!node.isTextual()) {
      throw problem(field, ArgText.expected("a string", node));
    }
    return node.textValue();
  }

  private byte[] data(JsonNode node, String field) {
    String text = text(node, field);
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw problem(field, "hex string without 0x prefix");
    }
    String digits = text.substring(2);
    if (digits.length() % 2 != 0) {
      throw problem(field, "hex string of odd length");
    }
    try {
      return HexFormat.of().parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw problem(field, "invalid hex string");
    }
  }

  private byte[] fixed(JsonNode node, String field, int length, String what) {
    byte[] data = data(node, field);
    if (data.length != length) {
      throw problem(field, ArgText.length(2 * data.length, length, what));
    }
    return data;
  }
}
