package io.merapi.base.bytes;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A 32-byte value: a keccak-256 digest, a block or transaction hash, a trie root, a storage word.
 */
public final class Hash implements Comparable<Hash> {
  public static final int LENGTH = 32;
  public static final Hash ZERO = new Hash(new byte[LENGTH]);
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private final byte[] data;

  private Hash(byte[] data) {
    this.data = data;
  }

  /** Takes ownership of a 32-byte array without copying. */
  public static Hash wrap(byte[] data) {
    if (data.length != LENGTH) {
      throw new IllegalArgumentException("a hash has 32 bytes, got " + data.length);
    }
    return new Hash(data);
  }

  /** Copies 32 bytes from {@code source} at {@code offset}. */
  public static Hash copyOf(byte[] source, int offset) {
    return new Hash(Arrays.copyOfRange(source, offset, offset + LENGTH));
  }

  /** Parses {@code 0x} and 64 hex digits. */
  public static Hash fromHex(String hex) {
    byte[] data = Hex.decode(hex);
    if (data.length != LENGTH) {
      throw new IllegalArgumentException(
          "a hash has 32 bytes, got " + data.length + ": " + Hex.abbreviate(hex));
    }
    return new Hash(data);
  }

  /**
   * Left-pads a big-endian value of at most 32 bytes, as the EVM stores words (e.g. a storage key
   * written as a short quantity).
   */
  public static Hash leftPad(byte[] value) {
    if (value.length > LENGTH) {
      throw new IllegalArgumentException("value longer than 32 bytes: " + value.length);
    }
    byte[] data = new byte[LENGTH];
    System.arraycopy(value, 0, data, LENGTH - value.length, value.length);
    return new Hash(data);
  }

  public byte get(int index) {
    return data[index];
  }

  public byte[] toArray() {
    return data.clone();
  }

  /** The backing array, not copied; callers must not modify it. */
  public byte[] array() {
    return data;
  }

  public boolean isZero() {
    for (byte b : data) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  public String toHex() {
    return Hex.encode(data);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Hash that && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    // Storage keys are often small numbers (only the last bytes set), so every byte must count.
    long h = 0;
    for (int i = 0; i < LENGTH; i += 8) {
      h = h * 0x9E3779B97F4A7C15L + (long) LONGS.get(data, i);
    }
    return (int) (h ^ (h >>> 32));
  }

  @Override
  public int compareTo(Hash other) {
    return Arrays.compareUnsigned(data, other.data);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
