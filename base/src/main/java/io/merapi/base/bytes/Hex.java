package io.merapi.base.bytes;

import java.math.BigInteger;
import java.util.HexFormat;

/**
 * Hex text in the Ethereum JSON-RPC conventions: data is {@code 0x} followed by two digits a byte;
 * a quantity is {@code 0x} followed by the minimal digits of the number ({@code 0x0} for zero,
 * never leading zeros).
 */
public final class Hex {
  private static final HexFormat LOWER = HexFormat.of();

  private Hex() {}

  /** {@code 0x}-prefixed lower-case digits, two a byte. */
  public static String encode(byte[] data) {
    return "0x" + LOWER.formatHex(data);
  }

  /** {@code 0x}-prefixed digits of {@code data[offset, offset+length)}. */
  public static String encode(byte[] data, int offset, int length) {
    return "0x" + LOWER.formatHex(data, offset, offset + length);
  }

  /** Digits without the prefix. */
  public static String encodePlain(byte[] data) {
    return LOWER.formatHex(data);
  }

  /**
   * Decodes data with or without the {@code 0x} prefix. An odd number of digits or a character that
   * is not a hex digit is an error.
   */
  public static byte[] decode(String text) {
    String digits = stripPrefix(text);
    if ((digits.length() & 1) != 0) {
      throw new IllegalArgumentException(
          "hex data has an odd number of digits: " + abbreviate(text));
    }
    try {
      return LOWER.parseHex(digits);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not hex data: " + abbreviate(text), e);
    }
  }

  /** Decodes hex that may have an odd number of digits (a leading zero is implied). */
  public static byte[] decodeLenient(String text) {
    String digits = stripPrefix(text);
    return decode((digits.length() & 1) != 0 ? "0" + digits : digits);
  }

  /** {@code 0x} followed by the minimal digits of an unsigned 64-bit value. */
  public static String quantity(long value) {
    return "0x" + Long.toUnsignedString(value, 16);
  }

  /** {@code 0x} followed by the minimal digits of a non-negative integer. */
  public static String quantity(BigInteger value) {
    if (value.signum() < 0) {
      throw new IllegalArgumentException("negative quantity: " + value);
    }
    return "0x" + value.toString(16);
  }

  /**
   * Parses a quantity into an unsigned 64-bit value. Strict: requires the prefix, at least one
   * digit, no leading zeros, and at most 64 bits.
   */
  public static long parseQuantity(String text) {
    String digits = quantityDigits(text);
    if (digits.length() > 16) {
      throw new IllegalArgumentException("quantity does not fit in 64 bits: " + abbreviate(text));
    }
    try {
      return Long.parseUnsignedLong(digits, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid quantity: " + abbreviate(text), e);
    }
  }

  /** Parses a quantity of any size (strict as {@link #parseQuantity}). */
  public static BigInteger parseBigQuantity(String text) {
    String digits = quantityDigits(text);
    try {
      return new BigInteger(digits, 16);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("invalid quantity: " + abbreviate(text), e);
    }
  }

  private static String quantityDigits(String text) {
    if (text == null || !(text.startsWith("0x") || text.startsWith("0X"))) {
      throw new IllegalArgumentException("quantity must start with 0x: " + abbreviate(text));
    }
    String digits = text.substring(2);
    if (digits.isEmpty()) {
      throw new IllegalArgumentException("quantity has no digits: " + abbreviate(text));
    }
    if (digits.length() > 1 && digits.charAt(0) == '0') {
      throw new IllegalArgumentException("quantity has leading zeros: " + abbreviate(text));
    }
    for (int i = 0; i < digits.length(); i++) {
      if (Character.digit(digits.charAt(i), 16) < 0) {
        throw new IllegalArgumentException("invalid quantity: " + abbreviate(text));
      }
    }
    return digits;
  }

  private static String stripPrefix(String text) {
    if (text == null) {
      throw new IllegalArgumentException("hex data is null");
    }
    return text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
  }

  static String abbreviate(String text) {
    if (text == null) {
      return "null";
    }
    return text.length() <= 80 ? '"' + text + '"' : '"' + text.substring(0, 77) + "...\"";
  }
}
