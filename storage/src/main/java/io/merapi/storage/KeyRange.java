package io.merapi.storage;

import io.merapi.base.bytes.Hex;
import java.util.Arrays;

/**
 * Keys from {@code from} (inclusive) up to {@code to} (exclusive) in unsigned byte order, or to the
 * end of the column when {@code bounded} is false.
 */
public record KeyRange(byte[] from, byte[] to, boolean bounded) {
  public KeyRange {
    from = from.clone();
    to = to.clone();
    if (bounded && Arrays.compareUnsigned(from, to) > 0) {
      throw new IllegalArgumentException(
          "key range ends before it starts: " + Hex.encode(from) + " > " + Hex.encode(to));
    }
  }

  @Override
  public byte[] from() {
    return from.clone();
  }

  @Override
  public byte[] to() {
    return to.clone();
  }

  public static KeyRange all() {
    return new KeyRange(new byte[0], new byte[0], false);
  }

  public static KeyRange startingAt(byte[] from) {
    return new KeyRange(from, new byte[0], false);
  }

  public static KeyRange between(byte[] from, byte[] toExclusive) {
    return new KeyRange(from, toExclusive, true);
  }

  /** Every key that starts with {@code prefix}. */
  public static KeyRange prefix(byte[] prefix) {
    // The first key after all keys with the prefix: drop trailing 0xff bytes, add one to the last.
    int end = prefix.length;
    while (end > 0 && prefix[end - 1] == (byte) 0xff) {
      end--;
    }
    if (end == 0) {
      return startingAt(prefix);
    }
    byte[] upper = Arrays.copyOf(prefix, end);
    upper[end - 1]++;
    return between(prefix, upper);
  }

  public boolean contains(byte[] key) {
    return Arrays.compareUnsigned(key, from) >= 0
        && (!bounded || Arrays.compareUnsigned(key, to) < 0);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof KeyRange that
        && bounded == that.bounded
        && Arrays.equals(from, that.from)
        && Arrays.equals(to, that.to);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(from) + Arrays.hashCode(to)) + Boolean.hashCode(bounded);
  }

  @Override
  public String toString() {
    return "KeyRange[" + Hex.encode(from) + ", " + (bounded ? Hex.encode(to) : "end") + ")";
  }
}
