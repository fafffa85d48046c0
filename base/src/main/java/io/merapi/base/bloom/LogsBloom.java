package io.merapi.base.bloom;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.crypto.Keccak256;
import java.util.Arrays;

/**
 * The 2048-bit logs bloom of receipts and block headers (Yellow Paper section 4.3.1, function
 * M3:2048).
 *
 * <p>Each log contributes its address and each of its topics. For a value, take keccak256(value);
 * each of its first three byte pairs, read big-endian and reduced to its low 11 bits, is the index
 * of one bit counted from the least significant end of the 2048-bit big-endian vector. So bit
 * {@code k} lives in byte {@code 255 - k / 8}, as mask {@code 1 << (k % 8)}.
 *
 * <p>Instances are immutable; {@link Builder} accumulates.
 */
public final class LogsBloom {
  public static final int BYTES = 256;
  public static final LogsBloom EMPTY = new LogsBloom(new byte[BYTES]);

  private final byte[] bits;

  private LogsBloom(byte[] bits) {
    this.bits = bits;
  }

  /** Takes ownership of a 256-byte array. */
  public static LogsBloom wrap(byte[] bits) {
    if (bits.length != BYTES) {
      throw new IllegalArgumentException("a logs bloom has 256 bytes, got " + bits.length);
    }
    return new LogsBloom(bits);
  }

  public static LogsBloom fromHex(String hex) {
    return wrap(Hex.decode(hex));
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * The three bits a value sets, each as {@code byteIndex * 8 + bitInByte} (byte index from the
   * start of the 256-byte array, bit 0 the least significant of that byte).
   */
  public static int[] bitPositions(byte[] value) {
    byte[] digest = Keccak256.hash(value);
    int[] positions = new int[3];
    for (int pair = 0; pair < 3; pair++) {
      int k = (((digest[2 * pair] & 0xff) << 8) | (digest[2 * pair + 1] & 0xff)) & 0x7ff;
      positions[pair] = (BYTES - 1 - (k >>> 3)) * 8 + (k & 7);
    }
    return positions;
  }

  /** False means {@code value} is certainly absent; true means it may be present. */
  public boolean mayContain(byte[] value) {
    for (int position : bitPositions(value)) {
      if ((bits[position >>> 3] & (1 << (position & 7))) == 0) {
        return false;
      }
    }
    return true;
  }

  public boolean mayContain(Address address) {
    return mayContain(address.array());
  }

  public boolean mayContain(Hash topic) {
    return mayContain(topic.array());
  }

  /**
   * True if every bit of {@code query} is set here: all values added to the query may be present.
   */
  public boolean containsAll(LogsBloom query) {
    for (int i = 0; i < BYTES; i++) {
      if ((bits[i] & query.bits[i]) != query.bits[i]) {
        return false;
      }
    }
    return true;
  }

  /** The union with another bloom. */
  public LogsBloom or(LogsBloom other) {
    byte[] union = bits.clone();
    for (int i = 0; i < BYTES; i++) {
      union[i] |= other.bits[i];
    }
    return new LogsBloom(union);
  }

  public boolean isEmpty() {
    for (byte b : bits) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** Whether bit {@code byteIndex * 8 + bit} is set, in the numbering of {@link #bitPositions}. */
  public boolean isSet(int byteIndex, int bit) {
    return (bits[byteIndex] & (1 << bit)) != 0;
  }

  public byte[] toArray() {
    return bits.clone();
  }

  /** The backing array, not copied; callers must not modify it. */
  public byte[] array() {
    return bits;
  }

  public String toHex() {
    return Hex.encode(bits);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof LogsBloom that && Arrays.equals(bits, that.bits);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bits);
  }

  @Override
  public String toString() {
    return toHex();
  }

  /** Accumulates values and blooms; not thread-safe. */
  public static final class Builder {
    private final byte[] bits = new byte[BYTES];

    private Builder() {}

    /** Adds a raw value (an address's 20 bytes or a topic's 32 bytes). */
    public Builder add(byte[] value) {
      for (int position : bitPositions(value)) {
        bits[position >>> 3] |= (byte) (1 << (position & 7));
      }
      return this;
    }

    public Builder add(Address address) {
      return add(address.array());
    }

    public Builder add(Hash topic) {
      return add(topic.array());
    }

    /** Adds one log: its address and all its topics. */
    public Builder addLog(Address address, Iterable<Hash> topics) {
      add(address);
      for (Hash topic : topics) {
        add(topic);
      }
      return this;
    }

    /** Adds every bit of another bloom (a receipt's bloom into a block's). */
    public Builder or(LogsBloom other) {
      for (int i = 0; i < BYTES; i++) {
        bits[i] |= other.bits[i];
      }
      return this;
    }

    public LogsBloom build() {
      return new LogsBloom(bits.clone());
    }
  }
}
