package io.merapi.state.tool;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import java.util.Optional;

/** Lenient number and byte parsing for test-fixture JSON (hex with or without 0x, or decimal). */
public final class FixtureJson {
  private FixtureJson() {}

  public static UInt256 uint(JsonNode node) {
    if (node.isNumber()) {
      return UInt256.valueOf(node.bigIntegerValue());
    }
    String text = node.asText().trim();
    if (text.equals("0x") || text.isEmpty()) {
      return UInt256.ZERO;
    }
    return UInt256.parse(text);
  }

  /** An unsigned 64-bit number. */
  public static long uint64(JsonNode node) {
    UInt256 value = uint(node);
    if (!value.fitsLong()) {
      throw new IllegalArgumentException("not a 64-bit number: " + node.asText());
    }
    return value.limb(0);
  }

  public static byte[] bytes(JsonNode node) {
    return Hex.decodeLenient(node.asText().trim());
  }

  public static Address address(JsonNode node) {
    return Address.fromHex(node.asText().trim().toLowerCase(java.util.Locale.ROOT));
  }

  public static Hash hash(JsonNode node) {
    return Hash.leftPad(uint(node).toMinimalBytes());
  }

  public static Optional<JsonNode> field(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }
}
