package io.merapi.node.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the small JSON-RPC results the node takes from an engine ({@code PayloadStatusV1}, payload
 * ids, {@code eth_getProof} fields). Every malformation is an {@link IllegalArgumentException}
 * naming the field, never a {@link NullPointerException}: the caller reports it as a bad answer.
 */
final class JsonReads {
  private JsonReads() {}

  static PayloadStatus payloadStatus(JsonNode json) {
    requireObject(json, "payloadStatus");
    String text = text(json, "status");
    PayloadStatus.Status status;
    try {
      status = PayloadStatus.Status.valueOf(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field 'status': unknown payload status \"" + text + "\"");
    }
    JsonNode error = json.get("validationError");
    if (error != null && !error.isNull() && !error.isTextual()) {
      throw new IllegalArgumentException("field 'validationError': must be a string");
    }
    return new PayloadStatus(
        status,
        optionalHash(json, "latestValidHash"),
        error == null || error.isNull() ? Optional.empty() : Optional.of(error.textValue()));
  }

  static PayloadId payloadId(JsonNode json) {
    if (!json.isTextual()) {
      throw new IllegalArgumentException("field 'payloadId': must be a hex string");
    }
    try {
      return PayloadId.fromHex(json.textValue());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field 'payloadId': " + e.getMessage(), e);
    }
  }

  static void requireObject(JsonNode json, String what) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(what + " must be a JSON object");
    }
  }

  static String text(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("field '" + field + "': missing");
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("field '" + field + "': must be a string");
    }
    return value.textValue();
  }

  static byte[] data(JsonNode json, String field) {
    return hex(text(json, field), field);
  }

  static Hash hash(JsonNode json, String field) {
    return Hash.wrap(fixed(data(json, field), Hash.LENGTH, field));
  }

  static Optional<Hash> optionalHash(JsonNode json, String field) {
    JsonNode value = json.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(hash(json, field));
  }

  static Address address(JsonNode json, String field) {
    return Address.wrap(fixed(data(json, field), Address.LENGTH, field));
  }

  static long quantity(JsonNode json, String field) {
    try {
      return Hex.parseQuantity(text(json, field));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  static UInt256 uint256(JsonNode json, String field) {
    try {
      return UInt256.fromQuantity(text(json, field));
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  static List<Bytes> dataList(JsonNode json, String field) {
    JsonNode array = json.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("field '" + field + "': must be an array");
    }
    List<Bytes> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String name = field + "[" + i + "]";
      if (!item.isTextual()) {
        throw new IllegalArgumentException("field '" + name + "': must be a hex string");
      }
      out.add(Bytes.wrap(hex(item.textValue(), name)));
    }
    return out;
  }

  private static byte[] hex(String text, String field) {
    if (!text.startsWith("0x")) {
      throw new IllegalArgumentException("field '" + field + "': must start with 0x");
    }
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + field + "': " + e.getMessage(), e);
    }
  }

  private static byte[] fixed(byte[] bytes, int length, String field) {
    if (bytes.length != length) {
      throw new IllegalArgumentException(
          "field '" + field + "': must be " + length + " bytes, found " + bytes.length);
    }
    return bytes;
  }
}
