package io.merapi.types.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import java.math.BigInteger;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The lenient number forms of genesis files: geth reads them as JSON numbers or as strings in hex
 * ({@code 0x...}, leading zeros allowed) or decimal (math.HexOrDecimal64/256), unlike the strict
 * quantities of JSON-RPC. Errors name the field.
 */
final class GenesisValues {
  private static final BigInteger MAX_UINT64 =
      BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private GenesisValues() {}

  static boolean has(JsonNode object, String name) {
    JsonNode value = object.get(name);
    return value != null && !value.isNull();
  }

  static BigInteger bigInteger(JsonNode object, String name) {
    JsonNode value = object.get(name);
    try {
      BigInteger result;
      if (value.isIntegralNumber()) {
        result = value.bigIntegerValue();
      } else if (value.isTextual()) {
        String text = value.asText().trim();
        if (text.startsWith("0x") || text.startsWith("0X")) {
          String digits = text.substring(2);
          result = digits.isEmpty() ? BigInteger.ZERO : new BigInteger(digits, 16);
        } else {
          result = new BigInteger(text);
        }
      } else {
        throw new IllegalArgumentException("not a number");
      }
      if (result.signum() < 0) {
        throw new IllegalArgumentException("negative");
      }
      return result;
    } catch (NumberFormatException | ArithmeticException e) {
      throw new IllegalArgumentException("field '" + name + "' is not a number: " + value, e);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "field '" + name + "' is not a non-negative number: " + value, e);
    }
  }

  static long requiredUint64(JsonNode object, String name) {
    if (!has(object, name)) {
      throw new IllegalArgumentException("missing required field '" + name + "'");
    }
    return uint64(object, name);
  }

  static long uint64(JsonNode object, String name) {
    BigInteger value = bigInteger(object, name);
    if (value.compareTo(MAX_UINT64) > 0) {
      throw new IllegalArgumentException("field '" + name + "' does not fit in 64 bits");
    }
    return value.longValue();
  }

  static OptionalLong optionalUint64(JsonNode object, String name) {
    return has(object, name) ? OptionalLong.of(uint64(object, name)) : OptionalLong.empty();
  }

  static long uint64OrZero(JsonNode object, String name) {
    return has(object, name) ? uint64(object, name) : 0;
  }

  static UInt256 uint256(JsonNode object, String name) {
    try {
      return UInt256.valueOf(bigInteger(object, name));
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("field '" + name + "' does not fit in 256 bits", e);
    }
  }

  static Optional<UInt256> optionalUint256(JsonNode object, String name) {
    return has(object, name) ? Optional.of(uint256(object, name)) : Optional.empty();
  }

  static Optional<Address> optionalAddress(JsonNode object, String name) {
    return has(object, name)
        ? Optional.of(address(name, object.get(name).asText()))
        : Optional.empty();
  }

  static Address address(String name, String text) {
    try {
      return Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
    }
  }

  static Bytes bytes(JsonNode object, String name) {
    if (!has(object, name)) {
      return Bytes.EMPTY;
    }
    try {
      return Bytes.wrap(Hex.decode(object.get(name).asText()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("field '" + name + "': " + e.getMessage(), e);
    }
  }

  /** A 32-byte word that may be written with fewer digits (left-padded), as geth's storage keys. */
  static Hash word(String name, String text) {
    try {
      byte[] value = Hex.decodeLenient(text);
      if (value.length > Hash.LENGTH) {
        throw new IllegalArgumentException("longer than 32 bytes");
      }
      return Hash.leftPad(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("'" + name + "' is not a 32-byte word: " + text, e);
    }
  }

  static Optional<Hash> optionalWord(JsonNode object, String name) {
    return has(object, name)
        ? Optional.of(word(name, object.get(name).asText()))
        : Optional.empty();
  }
}
