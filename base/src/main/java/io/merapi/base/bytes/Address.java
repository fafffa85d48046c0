package io.merapi.base.bytes;

import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;

/** A 20-byte account address. {@link #toChecksumHex()} gives the EIP-55 mixed-case form. */
public final class Address implements Comparable<Address> {
  public static final int LENGTH = 20;
  public static final Address ZERO = new Address(new byte[LENGTH]);

  private final byte[] data;

  private Address(byte[] data) {
    this.data = data;
  }

  /** Takes ownership of a 20-byte array without copying. */
  public static Address wrap(byte[] data) {
    if (data.length != LENGTH) {
      throw new IllegalArgumentException("an address has 20 bytes, got " + data.length);
    }
    return new Address(data);
  }

  /** Copies 20 bytes from {@code source} at {@code offset}. */
  public static Address copyOf(byte[] source, int offset) {
    return new Address(Arrays.copyOfRange(source, offset, offset + LENGTH));
  }

  /**
   * Parses {@code 0x} and 40 hex digits. All-lower and all-upper case digits are accepted as they
   * are; mixed case must be a valid EIP-55 checksum.
   */
  public static Address fromHex(String hex) {
    byte[] data = Hex.decode(hex);
    if (data.length != LENGTH) {
      throw new IllegalArgumentException(
          "an address has 20 bytes, got " + data.length + ": " + Hex.abbreviate(hex));
    }
    Address address = new Address(data);
    String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
    boolean hasLower = !digits.equals(digits.toUpperCase());
    boolean hasUpper = !digits.equals(digits.toLowerCase());
    if (hasLower && hasUpper && !address.toChecksumHex().substring(2).equals(digits)) {
      throw new IllegalArgumentException("address has an invalid EIP-55 checksum: " + hex);
    }
    return address;
  }

  /** The address of the low 20 bytes of a 32-byte word (as CALL and BALANCE read addresses). */
  public static Address fromWord(Hash word) {
    return copyOf(word.array(), Hash.LENGTH - LENGTH);
  }

  public byte[] toArray() {
    return data.clone();
  }

  /** The backing array, not copied; callers must not modify it. */
  public byte[] array() {
    return data;
  }

  /** The address left-padded to a 32-byte word, as it appears in a log topic or on the stack. */
  public Hash toWord() {
    return Hash.leftPad(data);
  }

  public String toHex() {
    return Hex.encode(data);
  }

  /**
   * EIP-55: a hex letter is upper case where the matching nibble of keccak256(lower-case hex) is 8
   * or more.
   */
  public String toChecksumHex() {
    String lower = Hex.encodePlain(data);
    byte[] digest = Keccak256.hash(lower.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    StringBuilder out = new StringBuilder(42).append("0x");
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      int nibble = (digest[i >> 1] >> ((i & 1) == 0 ? 4 : 0)) & 0xf;
      out.append(c >= 'a' && nibble >= 8 ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Address that && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(data);
  }

  @Override
  public int compareTo(Address other) {
    return Arrays.compareUnsigned(data, other.data);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
