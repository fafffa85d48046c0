package io.merapi.faultproof.preimage;

import java.util.Optional;

/**
 * The first byte of a pre-image key: which store answers it and how the value is checked (spec
 * fault-proof "Pre-image key types"). Type 0 is illegal so that no key is all zeroes; 7-128 are
 * reserved and 129-255 left to applications, which this program does not use.
 */
public enum KeyType {
  /** Dispute-specific boot inputs, by index (spec type 1). */
  LOCAL(1),
  /** {@code 2 ++ keccak256(value)[1:]}. */
  KECCAK256(2),
  /** {@code 3 ++ keccak256(x ++ sender)[1:]}, served by a contract that checked the value. */
  GLOBAL_GENERIC(3),
  /** {@code 4 ++ sha256(value)[1:]}. */
  SHA256(4),
  /** A blob field element: {@code 5 ++ keccak256(commitment ++ z)[1:]}. */
  BLOB(5),
  /** A precompile's result: {@code 6 ++ keccak256(address ++ input)[1:]}. */
  PRECOMPILE(6);

  private final int code;

  KeyType(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /** The type with this first byte, or empty for 0 and the reserved and application ranges. */
  public static Optional<KeyType> of(byte first) {
    int code = first & 0xff;
    for (KeyType type : values()) {
      if (type.code == code) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
