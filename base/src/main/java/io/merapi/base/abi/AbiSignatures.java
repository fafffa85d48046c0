package io.merapi.base.abi;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hex;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Selector checks shared by functions and errors. */
final class AbiSignatures {
  private AbiSignatures() {}

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static boolean hasSelector(byte[] data, Bytes selector) {
    return data.length >= 4 && Arrays.equals(data, 0, 4, selector.array(), 0, 4);
  }

  static void requireSelector(byte[] data, Bytes selector, String signature) {
    if (!hasSelector(data, selector)) {
      String found = data.length >= 4 ? Hex.encode(Arrays.copyOf(data, 4)) : "too short";
      throw new AbiException(
          "data is not a call of " + signature + " (" + selector.toHex() + "): " + found);
    }
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
