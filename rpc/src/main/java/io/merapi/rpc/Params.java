package io.merapi.rpc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import java.util.Optional;

/**
 * The positional params of one call. Accessors parse one argument into a base type and answer bad
 * input with -32602 (invalid params) in geth's words: {@code missing value for required argument
 * N}, {@code invalid argument N: <why>}. The method's declared arity has been checked before the
 * handler runs; a JSON {@code null} counts as an absent argument, as geth's pointer arguments do.
 */
public final class Params {
  private static final Params EMPTY = new Params(JsonNodeFactory.instance.arrayNode());

  private final JsonNode array;

  private Params(JsonNode array) {
    this.array = array;
  }

  /**
   * The params of a request: an array, or absent/null for none (geth accepts {@code null} because
   * its own client once sent it). Anything else is invalid.
   */
  public static Params of(JsonNode params) {
    if (params.isMissingNode() || params.isNull()) {
      return EMPTY;
    }
    if (!params.isArray()) {
      throw RpcError.invalidParams("non-array args").exception();
    }
    return new Params(params);
  }

  /** Params built from values, for calling handlers directly in tests and in-process callers. */
  public static Params of(Object... values) {
    return new Params(RpcJson.mapper().valueToTree(values));
  }

  public int size() {
    return array.size();
  }

  /** Whether argument {@code index} is given and not {@code null}. */
  public boolean has(int index) {
    return index < array.size() && !array.get(index).isNull();
  }

  public JsonNode node(int index) {
    if (!has(index)) {
      throw missing(index);
    }
    return array.get(index);
  }

  public Optional<JsonNode> optionalNode(int index) {
    return has(index) ? Optional.of(array.get(index)) : Optional.empty();
  }

  public String string(int index) {
    JsonNode node = node(index);
    if (!node.isTextual()) {
      throw invalid(index, "expected a string, got " + describe(node));
    }
    return node.textValue();
  }

  public boolean bool(int index) {
    JsonNode node = node(index);
    if (!node.isBoolean()) {
      throw invalid(index, "expected a boolean, got " + describe(node));
    }
    return node.booleanValue();
  }

  /** An unsigned 64-bit quantity ({@code 0x}, minimal hex digits). */
  public long quantity(int index) {
    String text = hexText(index);
    try {
      return Hex.parseQuantity(text);
    } catch (IllegalArgumentException e) {
      throw invalid(index, e.getMessage());
    }
  }

  public UInt256 uint256(int index) {
    String text = hexText(index);
    try {
      return UInt256.fromQuantity(text);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw invalid(index, e.getMessage());
    }
  }

  /** Bytes of any length ({@code 0x} and an even number of hex digits). */
  public Bytes data(int index) {
    return Bytes.wrap(hexData(index));
  }

  public Hash hash(int index) {
    return Hash.wrap(fixedData(index, Hash.LENGTH));
  }

  /** An address in any letter case (geth does not check EIP-55 checksums in params). */
  public Address address(int index) {
    return Address.wrap(fixedData(index, Address.LENGTH));
  }

  /** Argument {@code index} mapped by Jackson onto {@code type} (a record, usually). */
  public <T> T object(int index, Class<T> type) {
    JsonNode node = node(index);
    try {
      return RpcJson.mapper().treeToValue(node, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      String why =
          e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
      throw invalid(index, why);
    }
  }

  /** Argument {@code index} read by {@code getter} if it is given, else empty. */
  public <T> Optional<T> optional(int index, Getter<T> getter) {
    return has(index) ? Optional.of(getter.get(this, index)) : Optional.empty();
  }

  /** An invalid-params error about argument {@code index}, for checks a handler makes itself. */
  public static RpcException invalid(int index, String reason) {
    return RpcError.invalidParams("invalid argument " + index + ": " + reason).exception();
  }

  private static RpcException missing(int index) {
    return RpcError.invalidParams("missing value for required argument " + index).exception();
  }

  private String hexText(int index) {
    JsonNode node = node(index);
    if (!node.isTextual()) {
      throw invalid(index, "expected a hex string, got " + describe(node));
    }
    return node.textValue();
  }

  private byte[] hexData(int index) {
    String text = hexText(index);
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw invalid(index, "hex string without 0x prefix");
    }
    try {
      return Hex.decode(text);
    } catch (IllegalArgumentException e) {
      throw invalid(index, e.getMessage());
    }
  }

  private byte[] fixedData(int index, int length) {
    byte[] data = hexData(index);
    if (data.length != length) {
      throw invalid(index, "hex string has length " + 2 * data.length + ", want " + 2 * length);
    }
    return data;
  }

  private static String describe(JsonNode node) {
    return switch (node.getNodeType()) {
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case STRING -> "string";
      case BINARY -> "binary";
      case NULL, MISSING -> "null";
    };
  }

  @Override
  public String toString() {
    return array.toString();
  }

  /** Reads one argument: {@code Params::quantity}, {@code Params::hash}, ... */
  @FunctionalInterface
  public interface Getter<T> {
    T get(Params params, int index);
  }
}
