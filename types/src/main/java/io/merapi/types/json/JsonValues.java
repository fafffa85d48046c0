package io.merapi.types.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bloom.LogsBloom;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Reading and writing the JSON-RPC value forms: quantities as {@code 0x} and minimal hex digits,
 * data as {@code 0x} and two digits a byte. Reading is strict (prefix required, no leading zeros in
 * quantities, exact lengths) and reports errors as {@link IllegalArgumentException} naming the
 * field; the Jackson deserializers turn them into {@code JsonMappingException}s.
 */
final class JsonValues {
  private JsonValues() {}

  // ---- reading

  /** The field's value; absent and {@code null} are both an error. */
  static JsonNode required(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing required field '" + name + "'");
    }
    return value;
  }

  static boolean has(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value != null && !value.isNull();
  }

  static String text(JsonNode object, String name) {
    JsonNode value = required(object, name);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("field '" + name + "' must be a string");
    }
    return value.asText();
  }

  static long quantity(JsonNode object, String name) {
    return parse(name, text(object, name), Hex::parseQuantity);
  }

  static OptionalLong optionalQuantity(JsonNode object, String name) {
    return has(object, name) ? OptionalLong.of(quantity(object, name)) : OptionalLong.empty();
  }

  static UInt256 uint256(JsonNode object, String name) {
    return parse(name, text(object, name), UInt256::fromQuantity);
  }

  static Optional<UInt256> optionalUInt256(JsonNode object, String name) {
    return has(object, name) ? Optional.of(uint256(object, name)) : Optional.empty();
  }

  static Bytes data(JsonNode object, String name) {
    return Bytes.wrap(dataBytes(name, text(object, name)));
  }

  static Hash hash(JsonNode object, String name) {
    return parse(name, text(object, name), t -> Hash.wrap(dataBytes(name, t)));
  }

  static Optional<Hash> optionalHash(JsonNode object, String name) {
    return has(object, name) ? Optional.of(hash(object, name)) : Optional.empty();
  }

  static Address address(JsonNode object, String name) {
    return parse(name, text(object, name), t -> Address.wrap(dataBytes(name, t)));
  }

  static Optional<Address> optionalAddress(JsonNode object, String name) {
    return has(object, name) ? Optional.of(address(object, name)) : Optional.empty();
  }

  static LogsBloom bloom(JsonNode object, String name) {
    return parse(name, text(object, name), t -> LogsBloom.wrap(dataBytes(name, t)));
  }

  static boolean bool(JsonNode object, String name) {
    JsonNode value = required(object, name);
    if (!value.isBoolean()) {
      throw new IllegalArgumentException("field '" + name + "' must be true or false");
    }
    return value.booleanValue();
  }

  static JsonNode array(JsonNode object, String name) {
    JsonNode value = required(object, name);
    if (!value.isArray()) {
      throw new IllegalArgumentException("field '" + name + "' must be an array");
    }
    return value;
  }

  static <T> List<T> list(JsonNode object, String name, Function<JsonNode, T> element) {
    List<T> out = new ArrayList<>();
    int index = 0;
    for (JsonNode item : array(object, name)) {
      try {
        out.add(element.apply(item));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(name + "[" + index + "]: " + e.getMessage(), e);
      }
      index++;
    }
    return out;
  }

  static Hash hashElement(JsonNode item) {
    if (!item.isTextual()) {
      throw new IllegalArgumentException("expected a 32-byte hex string");
    }
    return Hash.wrap(dataBytes("hash", item.asText()));
  }

  static Bytes dataElement(JsonNode item) {
    if (!item.isTextual()) {
      throw new IllegalArgumentException("expected hex data");
    }
    return Bytes.wrap(dataBytes("data", item.asText()));
  }

  static void requireObject(JsonNode node, String what) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
  }

  private static byte[] dataBytes(String name, String text) {
    if (!text.startsWith("0x")) {
      throw new IllegalArgumentException("field '" + name + "' must start with 0x");
    }
    return Hex.decode(text);
  }

  private static <T> T parse(String name, String text, Function<String, T> parser) {
    try {
      return parser.apply(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
    }
  }

  // ---- writing

  static void quantity(JsonGenerator out, String name, long value) throws IOException {
    out.writeStringField(name, Hex.quantity(value));
  }

  static void quantity(JsonGenerator out, String name, UInt256 value) throws IOException {
    out.writeStringField(name, value.toQuantity());
  }

  static void data(JsonGenerator out, String name, Bytes value) throws IOException {
    out.writeStringField(name, value.toHex());
  }

  static void hash(JsonGenerator out, String name, Hash value) throws IOException {
    out.writeStringField(name, value.toHex());
  }

  static void address(JsonGenerator out, String name, Address value) throws IOException {
    out.writeStringField(name, value.toHex());
  }

  static void optionalAddress(JsonGenerator out, String name, Optional<Address> value)
      throws IOException {
    if (value.isPresent()) {
      address(out, name, value.get());
    } else {
      out.writeNullField(name);
    }
  }

  static void hashes(JsonGenerator out, String name, List<Hash> values) throws IOException {
    out.writeArrayFieldStart(name);
    for (Hash value : values) {
      out.writeString(value.toHex());
    }
    out.writeEndArray();
  }

  static void dataList(JsonGenerator out, String name, List<Bytes> values) throws IOException {
    out.writeArrayFieldStart(name);
    for (Bytes value : values) {
      out.writeString(value.toHex());
    }
    out.writeEndArray();
  }
}
