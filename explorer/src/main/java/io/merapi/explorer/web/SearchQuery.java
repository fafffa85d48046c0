package io.merapi.explorer.web;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;

/** What a person typed into the search box, classified before anything is looked up. */
public sealed interface SearchQuery {
  /** 32 bytes: a transaction or a block, on either chain. */
  record ByHash(Hash hash) implements SearchQuery {}

  record ByAddress(Address address) implements SearchQuery {}

  /** Decimal digits: an L2 block number. */
  record ByNumber(long number) implements SearchQuery {}

  /** Nothing the explorer can look up, and why. */
  record Malformed(String input, String reason) implements SearchQuery {}

  int MAX_INPUT = 200;

  static SearchQuery parse(String raw) {
    String q = raw == null ? "" : raw.strip();
    if (q.isEmpty()) {
      return new Malformed("", "type a transaction or block hash, an address or a block number");
    }
    if (q.length() > MAX_INPUT) {
      return new Malformed(q.substring(0, MAX_INPUT), "that is too long for a hash or an address");
    }
    if (q.startsWith("0x") || q.startsWith("0X")) {
      String digits = q.substring(2);
      if (!digits.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
        return new Malformed(
            q, "a hash or an address has only the hex digits 0-9 and a-f after 0x");
      }
      return switch (digits.length()) {
        case 64 -> new ByHash(Hash.fromHex(q));
        case 40 -> addressOrMalformed(q);
        default ->
            new Malformed(
                q,
                "0x and "
                    + digits.length()
                    + " hex digits: a hash has 64 digits and an address 40");
      };
    }
    if (q.chars().allMatch(c -> c >= '0' && c <= '9')) {
      if (q.length() > 18) {
        return new Malformed(q, "that block number is out of range");
      }
      return new ByNumber(Long.parseLong(q));
    }
    return new Malformed(
        q, "not a hash (0x and 64 hex digits), an address (0x and 40) or a number");
  }

  private static SearchQuery addressOrMalformed(String q) {
    try {
      return new ByAddress(Address.fromHex(q));
    } catch (IllegalArgumentException e) {
      return new Malformed(q, "the address's mixed-case checksum (EIP-55) does not match");
    }
  }
}
