package io.merapi.explorer.web;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.explorer.index.BridgeIndex;

/** Parses the values in page URLs; anything else is a {@link BadInputException} for a 400 page. */
final class PathValues {
  private PathValues() {}

  /** A block by number (decimal or {@code 0x} quantity) or by hash. */
  sealed interface BlockRef {}

  record ByNumber(long number) implements BlockRef {}

  record ByHash(Hash hash) implements BlockRef {}

  static BlockRef block(String text) {
    if (text.startsWith("0x") && text.length() == 66) {
      return new ByHash(hash(text));
    }
    try {
      long number =
          text.startsWith("0x")
              ? Long.parseUnsignedLong(text.substring(2), 16)
              : Long.parseLong(text);
      if (number < 0) {
        throw new NumberFormatException();
      }
      return new ByNumber(number);
    } catch (NumberFormatException e) {
      throw new BadInputException(
          text, "a block is a number (decimal or 0x hex) or a hash (0x and 64 hex digits)");
    }
  }

  static Hash hash(String text) {
    if (!text.startsWith("0x") || text.length() != 66) {
      throw new BadInputException(text, "a hash is 0x followed by 64 hex digits");
    }
    try {
      return Hash.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(text, "a hash is 0x followed by 64 hex digits");
    }
  }

  static Address address(String text) {
    if (!text.startsWith("0x") || text.length() != 42) {
      throw new BadInputException(text, "an address is 0x followed by 40 hex digits");
    }
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(text, "not an address: " + e.getMessage());
    }
  }

  /**
   * A place in a list of bridge entries, as the "older" links write it: {@code <block>-<log
   * index>}.
   */
  static BridgeIndex.Position position(String text) {
    int dash = text.indexOf('-');
    try {
      if (dash > 0 && text.length() <= 40) {
        long block = Long.parseLong(text.substring(0, dash));
        long logIndex = Long.parseLong(text.substring(dash + 1));
        if (block >= 0 && logIndex >= 0) {
          return new BridgeIndex.Position(block, logIndex);
        }
      }
    } catch (NumberFormatException e) {
      // said below
    }
    throw new BadInputException(text, "a list position is a block number, '-' and a log index");
  }
}
