package io.merapi.types.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import io.merapi.types.block.Withdrawal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Field access for the Engine API's JSON objects as this package reads and writes them: every error
 * is an {@link IllegalArgumentException} that names the structure and the field ({@code payload
 * attributes field 'prevRandao': must be 32 bytes, found 1}), so that a caller can report bad input
 * from the network in one line.
 */
final class EngineJsonFields {
  private final JsonNode json;
  private final String structure;

  EngineJsonFields(JsonNode json, String structure) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException(structure + " must be a JSON object");
    }
    this.json = json;
    this.structure = structure;
  }

  /** Whether the field is there; a JSON null counts as absent (execution-apis cancun.md). */
  boolean present(String name) {
    JsonNode value = json.get(name);
    return value != null && !value.isNull();
  }

  JsonNode node(String name) {
    return json.get(name);
  }

  long quantity(String name) {
    return quantity(json, name, "");
  }

  UInt256 bigQuantity(String name) {
    JsonNode value = required(json, name, "");
    if (!value.isTextual()) {
      throw error(name, "must be a hex quantity string");
    }
    try {
      return UInt256.fromQuantity(value.asText());
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw error(name, e.getMessage());
    }
  }

  /** Hex data of exactly {@code length} bytes, or of any length if {@code length} is negative. */
  byte[] bytes(String name, int length) {
    return bytes(json, name, "", length);
  }

  boolean bool(String name) {
    JsonNode value = required(json, name, "");
    if (!value.isBoolean()) {
      throw error(name, "must be a boolean");
    }
    return value.asBoolean();
  }

  List<Bytes> dataList(String name) {
    JsonNode array = required(json, name, "");
    if (!array.isArray()) {
      throw error(name, "must be an array");
    }
    List<Bytes> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode item = array.get(i);
      String field = name + "[" + i + "]";
      if (!item.isTextual()) {
        throw error(field, "must be a hex string");
      }
      out.add(Bytes.wrap(hex(item.asText(), field)));
    }
    return out;
  }

  List<Withdrawal> withdrawals(String name) {
    JsonNode array = required(json, name, "");
    if (!array.isArray()) {
      throw error(name, "must be an array");
    }
    List<Withdrawal> list = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      JsonNode w = array.get(i);
      String prefix = name + "[" + i + "].";
      if (!w.isObject()) {
        throw error(name + "[" + i + "]", "must be an object");
      }
      list.add(
          new Withdrawal(
              quantity(w, "index", prefix),
              quantity(w, "validatorIndex", prefix),
              Address.wrap(bytes(w, "address", prefix, Address.LENGTH)),
              quantity(w, "amount", prefix)));
    }
    return list;
  }

  static void putWithdrawals(ObjectNode json, String name, Optional<List<Withdrawal>> withdrawals) {
    withdrawals.ifPresent(
        list -> {
          ArrayNode array = json.putArray(name);
          for (Withdrawal w : list) {
            ObjectNode item = array.addObject();
            item.put("index", Hex.quantity(w.index()));
            item.put("validatorIndex", Hex.quantity(w.validatorIndex()));
            item.put("address", w.address().toHex());
            item.put("amount", Hex.quantity(w.amount()));
          }
        });
  }

  private JsonNode required(JsonNode object, String name, String prefix) {
    JsonNode value = object.get(name);
    if (value == null || value.isNull()) {
      throw error(prefix + name, "missing");
    }
    return value;
  }

  private long quantity(JsonNode object, String name, String prefix) {
    JsonNode value = required(object, name, prefix);
    if (!value.isTextual()) {
      throw error(prefix + name, "must be a hex quantity string");
    }
    try {
      return Hex.parseQuantity(value.asText());
    } catch (IllegalArgumentException e) {
      throw error(prefix + name, e.getMessage());
    }
  }

  private byte[] bytes(JsonNode object, String name, String prefix, int length) {
    JsonNode value = required(object, name, prefix);
    if (!value.isTextual()) {
      throw error(prefix + name, "must be a hex string");
    }
    byte[] b = hex(value.asText(), prefix + name);
    if (length >= 0 && b.length != length) {
      throw error(prefix + name, "must be " + length + " bytes, found " + b.length);
    }
    return b;
  }

  private byte[] hex(String text, String field) {
    if (!text.startsWith("0x")) {
      throw error(field, "must start with 0x");
    }
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage());
    }
  }

  IllegalArgumentException error(String field, String message) {
    return new IllegalArgumentException(structure + " field '" + field + "': " + message);
  }
}
