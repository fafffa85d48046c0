package io.merapi.rpc;

import io.merapi.base.crypto.Keccak256;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Decodes Solidity revert data into the reason text geth puts in {@code execution reverted:
 * <reason>}: the ABI encoding of {@code Error(string)} (require/revert with a message) or {@code
 * Panic(uint256)} (assert, overflow, ...). See the Solidity docs, "Panic via assert and Error via
 * require". Anything else (custom errors, truncated data) has no reason and stays raw hex in the
 * error's data.
 */
public final class RevertReason {
  static final String EXECUTION_REVERTED = "execution reverted";

  private static final byte[] ERROR_SELECTOR = selector("Error(string)");
  private static final byte[] PANIC_SELECTOR = selector("Panic(uint256)");
  private static final int WORD = 32;

  /** The panic codes Solidity defines, named as geth (after ethers.js) names them. */
  private static final Map<Integer, String> PANIC_REASONS =
      Map.of(
          0x00, "generic panic",
          0x01, "assert(false)",
          0x11, "arithmetic underflow or overflow",
          0x12, "division or modulo by zero",
          0x21, "enum overflow",
          0x22, "invalid encoded storage byte array accessed",
          0x31, "out-of-bounds array access; popping on an empty array",
          0x32, "out-of-bounds access of an array or bytesN",
          0x41, "out of memory",
          0x51, "uninitialized function");

  private RevertReason() {}

  /** The reason in {@code revertData}, or empty when it is neither Error(string) nor Panic. */
  public static Optional<String> decode(byte[] revertData) {
    if (revertData.length < 4) {
      return Optional.empty();
    }
    if (Arrays.equals(revertData, 0, 4, ERROR_SELECTOR, 0, 4)) {
      return decodeErrorString(revertData);
    }
    if (Arrays.equals(revertData, 0, 4, PANIC_SELECTOR, 0, 4)) {
      return decodePanic(revertData);
    }
    return Optional.empty();
  }

  /**
   * The single {@code string} argument: a head word holding the offset of the tail, the tail's
   * first word the byte length, then the bytes. Bounds are checked as geth's ABI decoder checks
   * them (the offset need not be word-aligned; bytes after the string are ignored).
   */
  private static Optional<String> decodeErrorString(byte[] data) {
    int args = 4;
    int available = data.length - args;
    if (available < WORD) {
      return Optional.empty();
    }
    long offset = wordAsLength(data, args);
    if (offset < 0 || offset + WORD > available) {
      return Optional.empty();
    }
    int lengthWord = args + (int) offset;
    long length = wordAsLength(data, lengthWord);
    long start = offset + WORD;
    if (length < 0 || start + length > available) {
      return Optional.empty();
    }
    String reason = new String(data, lengthWord + WORD, (int) length, StandardCharsets.UTF_8);
    return Optional.of(reason);
  }

  private static Optional<String> decodePanic(byte[] data) {
    if (data.length - 4 < WORD) {
      return Optional.empty();
    }
    BigInteger code = new BigInteger(1, Arrays.copyOfRange(data, 4, 4 + WORD));
    if (code.bitLength() <= 31) {
      String known = PANIC_REASONS.get(code.intValue());
      if (known != null) {
        return Optional.of(known);
      }
    }
    return Optional.of("unknown panic code: 0x" + code.toString(16));
  }

  /** A big-endian word as a non-negative length, or -1 when it exceeds what an array can hold. */
  private static long wordAsLength(byte[] data, int at) {
    for (int i = at; i < at + WORD - 4; i++) {
      if (data[i] != 0) {
        return -1;
      }
    }
    long value = 0;
    for (int i = at + WORD - 4; i < at + WORD; i++) {
      value = (value << 8) | (data[i] & 0xff);
    }
    return value;
  }

  private static byte[] selector(String signature) {
    return Arrays.copyOf(Keccak256.hash(signature.getBytes(StandardCharsets.US_ASCII)), 4);
  }
}
