package io.merapi.execution.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.rpc.Params;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Which block a call is about: geth's {@code BlockNumber} (a tag or a number) and {@code
 * BlockNumberOrHash} (either, or a hash, optionally required to be canonical), parsed with geth's
 * error messages (rpc/types.go, hexutil).
 */
public sealed interface BlockParam {
  /** The named blocks of the execution API. */
  enum Tag {
    EARLIEST,
    LATEST,
    PENDING,
    SAFE,
    FINALIZED
  }

  record Named(Tag tag) implements BlockParam {}

  record Number(long number) implements BlockParam {}

  record ByHash(Hash hash, boolean requireCanonical) implements BlockParam {}

  BlockParam LATEST = new Named(Tag.LATEST);

  /** A {@code BlockNumber} argument: a tag or a hex number. */
  static BlockParam number(Params params, int index) {
    JsonNode node = params.node(index);
    if (!node.isTextual()) {
      throw Params.invalid(index, ArgText.expected("a block number or tag as a string", node));
    }
    try {
      return tagOrNumber(node.textValue());
    } catch (IllegalArgumentException e) {
      throw Params.invalid(index, e.getMessage());
    }
  }

  /** A {@code BlockNumberOrHash} argument, {@code latest} when absent. */
  static BlockParam numberOrHash(Params params, int index) {
    if (!params.has(index)) {
      return LATEST;
    }
    try {
      return numberOrHash(params.node(index));
    } catch (IllegalArgumentException e) {
      throw Params.invalid(index, e.getMessage());
    }
  }

  /**
   * A {@code BlockNumberOrHash} from JSON: a tag, a number, a 32-byte hash, or an object with
   * {@code blockNumber} or {@code blockHash} (and {@code requireCanonical}).
   *
   * @throws IllegalArgumentException with geth's message
   */
  static BlockParam numberOrHash(JsonNode node) {
    if (node.isObject()) {
      JsonNode number = node.get("blockNumber");
      JsonNode hash = node.get("blockHash");
      boolean hasNumber = number != null && !number.isNull();
      boolean hasHash = hash != null && !hash.isNull();
      if (hasNumber && hasHash) {
        throw new IllegalArgumentException(
            "cannot specify both BlockHash and BlockNumber, choose one or the other");
      }
      if (hasNumber) {
        requireText(number);
        return tagOrNumber(number.textValue());
      }
      if (hasHash) {
        requireText(hash);
        JsonNode canonical = node.get("requireCanonical");
        boolean require = canonical != null && canonical.asBoolean(false);
        return new ByHash(parseHash(hash.textValue()), require);
      }
      throw new IllegalArgumentException("invalid arguments; neither block nor hash specified");
    }
    requireText(node);
    String text = node.textValue();
    if (text.length() == 66 && !isTag(text)) {
      return new ByHash(parseHash(text), false);
    }
    return tagOrNumber(text);
  }

  private static void requireText(JsonNode node) {
    if (!node.isTextual()) {
      throw new IllegalArgumentException(
          ArgText.expected("a block number, tag or hash as a string", node));
    }
  }

  private static boolean isTag(String text) {
    return switch (text) {
      case "earliest", "latest", "pending", "safe", "finalized" -> true;
      default -> false;
    };
  }

  private static BlockParam tagOrNumber(String text) {
    return switch (text) {
      case "earliest" -> new Named(Tag.EARLIEST);
      case "latest" -> new Named(Tag.LATEST);
      case "pending" -> new Named(Tag.PENDING);
      case "safe" -> new Named(Tag.SAFE);
      case "finalized" -> new Named(Tag.FINALIZED);
      default -> {
        long number = decodeUint64(text);
        if (number < 0) {
          throw new IllegalArgumentException("block number larger than int64");
        }
        yield new Number(number);
      }
    };
  }

  /** A hex quantity of at most 64 bits, refused with geth's reasons (hexutil.DecodeUint64). */
  static long decodeUint64(String text) {
    if (text.isEmpty()) {
      throw new IllegalArgumentException("empty hex string");
    }
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw new IllegalArgumentException("hex string without 0x prefix");
    }
    String digits = text.substring(2);
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("hex string \"0x\"");
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw new IllegalArgumentException("hex number with leading zero digits");
    }
    if (digits.length() > 16) {
      throw new IllegalArgumentException("hex number > 64 bits");
    }
    long value = 0;
    for (int i = 0; i < digits.length(); i++) {
      int digit = Character.digit(digits.charAt(i), 16);
      if (digit < 0) {
        throw new IllegalArgumentException("invalid hex string");
      }
      value = (value << 4) | digit;
    }
    return value;
  }

  private static Hash parseHash(String text) {
    if (!(text.startsWith("0x") || text.startsWith("0X"))) {
      throw new IllegalArgumentException("hex string without 0x prefix");
    }
    String digits = text.substring(2);
    if (digits.length() != 64) {
      throw new IllegalArgumentException(
          ArgText.length(digits.length(), Hash.LENGTH, "a 32-byte hash"));
    }
    try {
      return Hash.wrap(HexFormat.of().parseHex(digits));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid hex string");
    }
  }

  /** A hash argument with geth's messages ({@code common.Hash} unmarshalling). */
  static Hash hash(Params params, int index) {
    JsonNode node = params.node(index);
    if (!node.isTextual()) {
      throw Params.invalid(index, ArgText.expected("a 32-byte hash as a string", node));
    }
    try {
      return parseHash(node.textValue());
    } catch (IllegalArgumentException e) {
      throw Params.invalid(index, e.getMessage());
    }
  }

  /** For messages: how geth prints a block reference. */
  default String describe() {
    return switch (this) {
      case Named n -> n.tag().name().toLowerCase(Locale.ROOT);
      case Number n -> "#" + n.number();
      case ByHash h -> h.hash().toHex();
    };
  }
}
