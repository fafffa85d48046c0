package io.merapi.faultproof.preimage;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A hint as op-program writes it: {@code "<type> 0x<hex data>"} (lowercase hex, spec fault-proof
 * "Pre-image hinting routes"). The type names a route ({@code l1-block-header}, …); the data is a
 * hash, a hash and a chain id, raw bytes, or JSON for {@code l2-payload-witness}, always
 * hex-encoded.
 */
public record Hint(String type, Bytes data) {
  public Hint {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (type.isEmpty() || type.indexOf(' ') >= 0) {
      throw new IllegalArgumentException("a hint type is one non-empty word: '" + type + "'");
    }
  }

  /** The hint's text on the wire. */
  public String wire() {
    return type + " " + Hex.encode(data.array());
  }

  /** The hint's bytes on the wire, before the length prefix. */
  public byte[] wireBytes() {
    return wire().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Parses a hint's text: a type, one space, {@code 0x} and an even number of hex digits.
   *
   * @throws MalformedHintException for anything else
   */
  public static Hint parse(String text) {
    int space = text.indexOf(' ');
    if (space <= 0) {
      throw new MalformedHintException("a hint is '<type> 0x<hex>': " + abbreviate(text));
    }
    String type = text.substring(0, space);
    String hex = text.substring(space + 1);
    if (!hex.startsWith("0x") && !hex.startsWith("0X")) {
      throw new MalformedHintException("hint data must start with 0x: " + abbreviate(text));
    }
    try {
      return new Hint(type, Bytes.wrap(Hex.decode(hex)));
    } catch (IllegalArgumentException e) {
      throw new MalformedHintException("hint data is not hex: " + abbreviate(text));
    }
  }

  @Override
  public String toString() {
    return abbreviate(wire());
  }

  static String abbreviate(String text) {
    return text.length() <= 120 ? text : text.substring(0, 117) + "...";
  }
}
