package io.merapi.execution.api.sign;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * EIP-712 typed structured data, as {@code eth_signTypedData_v4} receives it ({@code {types,
 * primaryType, domain, message}}), and the hash that is signed: {@code keccak256(0x19 0x01 ||
 * domainSeparator || hashStruct(message))}. Arrays of any type and nested structs are encoded as
 * the v4 revision of the EIP (MetaMask's {@code signTypedData_v4}, which viem and ethers follow).
 * Integers come as JSON numbers or as decimal or {@code 0x} strings (viem sends bigints as decimal
 * strings).
 */
public final class TypedData {
  static final String DOMAIN = "EIP712Domain";

  private static final Pattern ARRAY = Pattern.compile("^(.+)\\[(\\d*)\\]$");
  private static final Pattern INTEGER = Pattern.compile("^(u?)int(\\d*)$");
  private static final Pattern FIXED_BYTES = Pattern.compile("^bytes(\\d+)$");

  /** The domain fields the EIP defines, in its order, for a message that does not list them. */
  private static final Map<String, String> DOMAIN_FIELDS =
      Map.of(
          "name", "string",
          "version", "string",
          "chainId", "uint256",
          "verifyingContract", "address",
          "salt", "bytes32");

  private static final List<String> DOMAIN_ORDER =
      List.of("name", "version", "chainId", "verifyingContract", "salt");

  private record Field(String name, String type) {}

  private final Map<String, List<Field>> types;
  private final String primaryType;
  private final JsonNode domain;
  private final JsonNode message;

  private TypedData(
      Map<String, List<Field>> types, String primaryType, JsonNode domain, JsonNode message) {
    this.types = types;
    this.primaryType = primaryType;
    this.domain = domain;
    this.message = message;
  }

  /**
   * Reads typed data.
   *
   * @throws IllegalArgumentException if a part is missing or a type is unknown
   */
  public static TypedData parse(JsonNode node) {
    if (!node.isObject()) {
      throw new IllegalArgumentException("typed data must be an object");
    }
    JsonNode typesNode = node.path("types");
    if (!typesNode.isObject()) {
      throw new IllegalArgumentException("typed data has no types");
    }
    Map<String, List<Field>> types = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : typesNode.properties()) {
      if (!entry.getValue().isArray()) {
        throw new IllegalArgumentException("type " + entry.getKey() + " is not a list of fields");
      }
      List<Field> fields = new ArrayList<>();
      for (JsonNode field : entry.getValue()) {
        if (!field.path("name").isTextual() || !field.path("type").isTextual()) {
          throw new IllegalArgumentException(
              "a field of type " + entry.getKey() + " lacks its name or type");
        }
        fields.add(new Field(field.get("name").asText(), field.get("type").asText()));
      }
      types.put(entry.getKey(), fields);
    }
    JsonNode domain = node.path("domain");
    if (!domain.isObject()) {
      throw new IllegalArgumentException("typed data has no domain");
    }
    if (!types.containsKey(DOMAIN)) {
      // The sender left the domain's type out: it follows from the fields the domain has.
      List<Field> fields = new ArrayList<>();
      for (String name : DOMAIN_ORDER) {
        if (domain.has(name) && !domain.get(name).isNull()) {
          fields.add(new Field(name, DOMAIN_FIELDS.get(name)));
        }
      }
      types.put(DOMAIN, fields);
    }
    if (!node.path("primaryType").isTextual()) {
      throw new IllegalArgumentException("typed data has no primaryType");
    }
    String primaryType = node.get("primaryType").asText();
    if (!types.containsKey(primaryType)) {
      throw new IllegalArgumentException("primaryType " + primaryType + " is not among the types");
    }
    JsonNode message = node.path("message");
    if (!primaryType.equals(DOMAIN) && !message.isObject()) {
      throw new IllegalArgumentException("typed data has no message");
    }
    return new TypedData(types, primaryType, domain, message);
  }

  /** The hash to sign: {@code keccak256(0x19 0x01 || domainSeparator || hashStruct(message))}. */
  public Hash signingHash() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(66);
    out.write(0x19);
    out.write(0x01);
    out.writeBytes(domainSeparator().array());
    // A message of the domain type alone signs the separator only (as MetaMask and geth do).
    if (!primaryType.equals(DOMAIN)) {
      out.writeBytes(hashStruct(primaryType, message).array());
    }
    return Keccak256.digest(out.toByteArray());
  }

  public Hash domainSeparator() {
    return hashStruct(DOMAIN, domain);
  }

  /** {@code keccak256(typeHash || encodeData(value))}. */
  public Hash hashStruct(String type, JsonNode value) {
    return Keccak256.digest(encodeData(type, value));
  }

  /** {@code Name(type1 name1,...)} followed by the referenced struct types, sorted by name. */
  public String encodeType(String type) {
    TreeSet<String> dependencies = new TreeSet<>();
    collectDependencies(type, dependencies);
    dependencies.remove(type);
    StringBuilder out = new StringBuilder(typeSignature(type));
    for (String dependency : dependencies) {
      out.append(typeSignature(dependency));
    }
    return out.toString();
  }

  private String typeSignature(String type) {
    StringBuilder out = new StringBuilder(type).append('(');
    List<Field> fields = types.get(type);
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(fields.get(i).type()).append(' ').append(fields.get(i).name());
    }
    return out.append(')').toString();
  }

  private void collectDependencies(String type, TreeSet<String> found) {
    String base = baseType(type);
    if (!types.containsKey(base) || !found.add(base)) {
      return;
    }
    for (Field field : types.get(base)) {
      collectDependencies(field.type(), found);
    }
  }

  private static String baseType(String type) {
    Matcher array = ARRAY.matcher(type);
    return array.matches() ? baseType(array.group(1)) : type;
  }

  private byte[] encodeData(String type, JsonNode value) {
    if (!value.isObject()) {
      throw new IllegalArgumentException("a value of struct type " + type + " must be an object");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(Keccak256.hash(encodeType(type).getBytes(StandardCharsets.UTF_8)));
    for (Field field : types.get(type)) {
      JsonNode fieldValue = value.get(field.name());
      if (fieldValue == null || fieldValue.isNull()) {
        throw new IllegalArgumentException(
            "no value for field " + field.name() + " of type " + type);
      }
      out.writeBytes(encodeValue(field.type(), fieldValue, type + "." + field.name()));
    }
    return out.toByteArray();
  }

  /** One 32-byte word of {@code encodeData}. */
  private byte[] encodeValue(String type, JsonNode value, String where) {
    Matcher array = ARRAY.matcher(type);
    if (array.matches()) {
      if (!value.isArray()) {
        throw new IllegalArgumentException(where + " must be an array");
      }
      if (!array.group(2).isEmpty() && value.size() != Integer.parseInt(array.group(2))) {
        throw new IllegalArgumentException(
            where + " must have " + array.group(2) + " items, has " + value.size());
      }
      ByteArrayOutputStream items = new ByteArrayOutputStream();
      for (JsonNode item : value) {
        items.writeBytes(encodeValue(array.group(1), item, where + "[]"));
      }
      return Keccak256.hash(items.toByteArray());
    }
    if (types.containsKey(type)) {
      return hashStruct(type, value).array();
    }
    switch (type) {
      case "string" -> {
        return Keccak256.hash(text(value, where).getBytes(StandardCharsets.UTF_8));
      }
      case "bytes" -> {
        return Keccak256.hash(hexBytes(value, where));
      }
      case "bool" -> {
        boolean flag =
            value.isBoolean()
                ? value.booleanValue()
                : switch (text(value, where)) {
                  case "true" -> true;
                  case "false" -> false;
                  default -> throw new IllegalArgumentException(where + " is not a boolean");
                };
        return word(flag ? BigInteger.ONE : BigInteger.ZERO);
      }
      case "address" -> {
        byte[] address = hexBytes(value, where);
        if (address.length != 20) {
          throw new IllegalArgumentException(where + " is not a 20-byte address");
        }
        return word(new BigInteger(1, address));
      }
      default -> {}
    }
    Matcher fixed = FIXED_BYTES.matcher(type);
    if (fixed.matches()) {
      int length = Integer.parseInt(fixed.group(1));
      byte[] bytes = hexBytes(value, where);
      if (length < 1 || length > 32 || bytes.length > length) {
        throw new IllegalArgumentException(where + " does not fit " + type);
      }
      byte[] out = new byte[32];
      System.arraycopy(bytes, 0, out, 0, bytes.length); // left-aligned, as Solidity's bytesN
      return out;
    }
    Matcher integer = INTEGER.matcher(type);
    if (integer.matches()) {
      int bits = integer.group(2).isEmpty() ? 256 : Integer.parseInt(integer.group(2));
      if (bits < 8 || bits > 256 || bits % 8 != 0) {
        throw new IllegalArgumentException("unknown type " + type + " of " + where);
      }
      BigInteger number = number(value, where);
      boolean unsigned = integer.group(1).equals("u");
      BigInteger min = unsigned ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
      BigInteger max =
          (unsigned ? BigInteger.ONE.shiftLeft(bits) : BigInteger.ONE.shiftLeft(bits - 1))
              .subtract(BigInteger.ONE);
      if (number.compareTo(min) < 0 || number.compareTo(max) > 0) {
        throw new IllegalArgumentException(where + " is out of the range of " + type);
      }
      // Negative numbers in two's complement over the whole word.
      return word(number.signum() < 0 ? number.add(BigInteger.ONE.shiftLeft(256)) : number);
    }
    throw new IllegalArgumentException("unknown type " + type + " of " + where);
  }

  private static byte[] word(BigInteger unsigned) {
    byte[] raw = unsigned.toByteArray();
    byte[] out = new byte[32];
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, out, 32 - length, length);
    return out;
  }

  private static String text(JsonNode value, String where) {
    if (!value.isTextual()) {
      throw new IllegalArgumentException(where + " must be a string");
    }
    return value.asText();
  }

  private static byte[] hexBytes(JsonNode value, String where) {
    String text = text(value, where);
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw new IllegalArgumentException(where + " is not 0x-prefixed hex");
    }
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not hex: " + e.getMessage());
    }
  }

  private static BigInteger number(JsonNode value, String where) {
    if (value.isIntegralNumber()) {
      return value.bigIntegerValue();
    }
    String text = text(value, where).trim();
    try {
      boolean negative = text.startsWith("-");
      String digits = negative ? text.substring(1) : text;
      BigInteger magnitude =
          digits.startsWith("0x") || digits.startsWith("0X")
              ? new BigInteger(digits.substring(2), 16)
              : new BigInteger(digits);
      return negative ? magnitude.negate() : magnitude;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + " is not an integer: " + text);
    }
  }
}
