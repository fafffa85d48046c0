package io.merapi.evm;

import io.merapi.base.bytes.Address;
import java.util.Optional;

/**
 * EIP-7702 delegation designators: the code {@code 0xef0100 || address} that a set-code
 * authorization writes to an account. A call to such an account runs the code at {@code address} in
 * the account's context; EXTCODESIZE, EXTCODECOPY and EXTCODEHASH see the designator itself.
 */
public final class Delegation {
  /** The designator's prefix; 0xef is a byte EIP-3541 keeps out of deployed code. */
  private static final byte[] MARKER = {(byte) 0xef, 0x01, 0x00};

  /** The designator's length: the marker and an address. */
  public static final int LENGTH = MARKER.length + Address.LENGTH;

  private Delegation() {}

  /** The designator of a delegation to {@code target}. */
  public static byte[] designator(Address target) {
    byte[] code = new byte[LENGTH];
    System.arraycopy(MARKER, 0, code, 0, MARKER.length);
    System.arraycopy(target.array(), 0, code, MARKER.length, Address.LENGTH);
    return code;
  }

  /** True if {@code code} is exactly a delegation designator. */
  public static boolean isDesignator(byte[] code) {
    return code.length == LENGTH
        && code[0] == MARKER[0]
        && code[1] == MARKER[1]
        && code[2] == MARKER[2];
  }

  /** The address {@code code} delegates to, or empty if it is not a designator. */
  public static Optional<Address> target(byte[] code) {
    return isDesignator(code) ? Optional.of(Address.copyOf(code, MARKER.length)) : Optional.empty();
  }

  /** The delegation target of the account at {@code address}, read through {@code host}. */
  public static Optional<Address> of(Host host, Address address) {
    // Most accounts are not delegated: the size check avoids loading their code.
    return host.codeSize(address) == LENGTH ? target(host.code(address)) : Optional.empty();
  }
}
