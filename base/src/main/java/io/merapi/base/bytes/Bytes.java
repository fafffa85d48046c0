package io.merapi.base.bytes;

import java.util.Arrays;

/**
 * An immutable byte string with value equality, for fields such as transaction data, extra data and
 * code. The array handed to {@link #wrap} must not be changed afterwards; {@link #of} copies.
 */
public final class Bytes implements Comparable<Bytes> {
  public static final Bytes EMPTY = new Bytes(new byte[0]);

  private final byte[] data;
  private int hash;

  private Bytes(byte[] data) {
    this.data = data;
  }

  /** Takes ownership of {@code data} without copying. */
  public static Bytes wrap(byte[] data) {
    return data.length == 0 ? EMPTY : new Bytes(data);
  }

  /** Copies {@code data}. */
  public static Bytes of(byte... data) {
    return wrap(data.clone());
  }

  public static Bytes fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  public int length() {
    return data.length;
  }

  public boolean isEmpty() {
    return data.length == 0;
  }

  public byte get(int index) {
    return data[index];
  }

  /** A copy of the contents. */
  public byte[] toArray() {
    return data.clone();
  }

  /** The backing array, not copied, for reading on hot paths. Callers must not modify it. */
  public byte[] array() {
    return data;
  }

  public Bytes slice(int from, int to) {
    return wrap(Arrays.copyOfRange(data, from, to));
  }

  public String toHex() {
    return Hex.encode(data);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Bytes that && Arrays.equals(data, that.data);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      h = Arrays.hashCode(data);
      hash = h;
    }
    return h;
  }

  @Override
  public int compareTo(Bytes other) {
    return Arrays.compareUnsigned(data, other.data);
  }

  @Override
  public String toString() {
    return toHex();
  }
}
