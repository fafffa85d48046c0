package io.merapi.base.crypto;

import io.merapi.base.bytes.Hash;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Keccak-256 as Ethereum uses it (the original Keccak padding {@code 0x01}, not SHA3's {@code
 * 0x06}).
 *
 * <p>Every trie node, state root, address and log topic goes through this, so the permutation is
 * written out in full: the 25 lanes live in local variables for all 24 rounds and HotSpot keeps
 * them in registers or on the stack, with no array traffic inside a round. Measured by {@code
 * io.merapi.bench.KeccakBenchmark} against BouncyCastle's KeccakDigest and the JDK's SHA3-256.
 *
 * <p>Instances are for incremental hashing and are not thread-safe; the static methods are.
 */
public final class Keccak256 {
  public static final int DIGEST_LENGTH = 32;

  /** Bytes absorbed per permutation: 1600 bits of state minus 2 x 256 bits of capacity. */
  private static final int RATE = 136;

  private static final int RATE_LANES = RATE / 8;

  private static final VarHandle LANE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final long[] ROUND_CONSTANTS = {
    0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
    0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
    0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
    0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
    0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
    0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L
  };

  /** keccak256 of the empty string. */
  public static final Hash EMPTY = Hash.wrap(hash(new byte[0]));

  private final long[] state = new long[25];
  private final byte[] pending = new byte[RATE];
  private int pendingLength;

  /** The digest of {@code data}. */
  public static byte[] hash(byte[] data) {
    return hash(data, 0, data.length);
  }

  /** The digest of {@code data[offset, offset+length)}. */
  public static byte[] hash(byte[] data, int offset, int length) {
    byte[] out = new byte[DIGEST_LENGTH];
    hash(data, offset, length, out, 0);
    return out;
  }

  /** The digest of {@code data} as a {@link Hash}. */
  public static Hash digest(byte[] data) {
    return Hash.wrap(hash(data, 0, data.length));
  }

  /** The digest of {@code data[offset, offset+length)} as a {@link Hash}. */
  public static Hash digest(byte[] data, int offset, int length) {
    return Hash.wrap(hash(data, offset, length));
  }

  /**
   * Writes the digest of {@code data[offset, offset+length)} to {@code out[outOffset..+32)}.
   *
   * <p>The one-shot path keeps the whole sponge in local variables: the 25 lanes stay in registers
   * (or C2's spill slots) from the first block to the squeeze, the final block's padding is folded
   * into the lanes as they are loaded, and nothing is allocated. Tuned with {@code
   * io.merapi.bench.KeccakBenchmark}.
   */
  public static void hash(byte[] data, int offset, int length, byte[] out, int outOffset) {
    java.util.Objects.checkFromIndexSize(offset, length, data.length);
    java.util.Objects.checkFromIndexSize(outOffset, DIGEST_LENGTH, out.length);
    long a0 = 0, a1 = 0, a2 = 0, a3 = 0, a4 = 0, a5 = 0, a6 = 0, a7 = 0, a8 = 0, a9 = 0;
    long a10 = 0, a11 = 0, a12 = 0, a13 = 0, a14 = 0, a15 = 0, a16 = 0, a17 = 0, a18 = 0;
    long a19 = 0, a20 = 0, a21 = 0, a22 = 0, a23 = 0, a24 = 0;
    int position = offset;
    int end = offset + length;
    boolean last = false;
    while (!last) {
      if (end - position >= RATE) {
        a0 ^= (long) LANE.get(data, position + 0);
        a1 ^= (long) LANE.get(data, position + 8);
        a2 ^= (long) LANE.get(data, position + 16);
        a3 ^= (long) LANE.get(data, position + 24);
        a4 ^= (long) LANE.get(data, position + 32);
        a5 ^= (long) LANE.get(data, position + 40);
        a6 ^= (long) LANE.get(data, position + 48);
        a7 ^= (long) LANE.get(data, position + 56);
        a8 ^= (long) LANE.get(data, position + 64);
        a9 ^= (long) LANE.get(data, position + 72);
        a10 ^= (long) LANE.get(data, position + 80);
        a11 ^= (long) LANE.get(data, position + 88);
        a12 ^= (long) LANE.get(data, position + 96);
        a13 ^= (long) LANE.get(data, position + 104);
        a14 ^= (long) LANE.get(data, position + 112);
        a15 ^= (long) LANE.get(data, position + 120);
        a16 ^= (long) LANE.get(data, position + 128);
        position += RATE;
      } else {
        a0 ^= finalLane(data, position, end, 0);
        a1 ^= finalLane(data, position, end, 1);
        a2 ^= finalLane(data, position, end, 2);
        a3 ^= finalLane(data, position, end, 3);
        a4 ^= finalLane(data, position, end, 4);
        a5 ^= finalLane(data, position, end, 5);
        a6 ^= finalLane(data, position, end, 6);
        a7 ^= finalLane(data, position, end, 7);
        a8 ^= finalLane(data, position, end, 8);
        a9 ^= finalLane(data, position, end, 9);
        a10 ^= finalLane(data, position, end, 10);
        a11 ^= finalLane(data, position, end, 11);
        a12 ^= finalLane(data, position, end, 12);
        a13 ^= finalLane(data, position, end, 13);
        a14 ^= finalLane(data, position, end, 14);
        a15 ^= finalLane(data, position, end, 15);
        a16 ^= finalLane(data, position, end, 16);
        last = true;
      }
      // Column parities for theta, recomputed at the end of each round from the lanes just
      // written (measured faster than at the start of the round: KeccakBenchmark, 16 KiB).
      long c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
      long c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
      long c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
      long c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
      long c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
      for (int round = 0; round < 24; round++) {
        long d0 = c4 ^ Long.rotateLeft(c1, 1);
        long d1 = c0 ^ Long.rotateLeft(c2, 1);
        long d2 = c1 ^ Long.rotateLeft(c3, 1);
        long d3 = c2 ^ Long.rotateLeft(c4, 1);
        long d4 = c3 ^ Long.rotateLeft(c0, 1);
        long b0 = a0 ^ d0;
        long b16 = Long.rotateLeft(a5 ^ d0, 36);
        long b7 = Long.rotateLeft(a10 ^ d0, 3);
        long b23 = Long.rotateLeft(a15 ^ d0, 41);
        long b14 = Long.rotateLeft(a20 ^ d0, 18);
        long b10 = Long.rotateLeft(a1 ^ d1, 1);
        long b1 = Long.rotateLeft(a6 ^ d1, 44);
        long b17 = Long.rotateLeft(a11 ^ d1, 10);
        long b8 = Long.rotateLeft(a16 ^ d1, 45);
        long b24 = Long.rotateLeft(a21 ^ d1, 2);
        long b20 = Long.rotateLeft(a2 ^ d2, 62);
        long b11 = Long.rotateLeft(a7 ^ d2, 6);
        long b2 = Long.rotateLeft(a12 ^ d2, 43);
        long b18 = Long.rotateLeft(a17 ^ d2, 15);
        long b9 = Long.rotateLeft(a22 ^ d2, 61);
        long b5 = Long.rotateLeft(a3 ^ d3, 28);
        long b21 = Long.rotateLeft(a8 ^ d3, 55);
        long b12 = Long.rotateLeft(a13 ^ d3, 25);
        long b3 = Long.rotateLeft(a18 ^ d3, 21);
        long b19 = Long.rotateLeft(a23 ^ d3, 56);
        long b15 = Long.rotateLeft(a4 ^ d4, 27);
        long b6 = Long.rotateLeft(a9 ^ d4, 20);
        long b22 = Long.rotateLeft(a14 ^ d4, 39);
        long b13 = Long.rotateLeft(a19 ^ d4, 8);
        long b4 = Long.rotateLeft(a24 ^ d4, 14);
        a0 = b0 ^ (~b1 & b2);
        a1 = b1 ^ (~b2 & b3);
        a2 = b2 ^ (~b3 & b4);
        a3 = b3 ^ (~b4 & b0);
        a4 = b4 ^ (~b0 & b1);
        a5 = b5 ^ (~b6 & b7);
        a6 = b6 ^ (~b7 & b8);
        a7 = b7 ^ (~b8 & b9);
        a8 = b8 ^ (~b9 & b5);
        a9 = b9 ^ (~b5 & b6);
        a10 = b10 ^ (~b11 & b12);
        a11 = b11 ^ (~b12 & b13);
        a12 = b12 ^ (~b13 & b14);
        a13 = b13 ^ (~b14 & b10);
        a14 = b14 ^ (~b10 & b11);
        a15 = b15 ^ (~b16 & b17);
        a16 = b16 ^ (~b17 & b18);
        a17 = b17 ^ (~b18 & b19);
        a18 = b18 ^ (~b19 & b15);
        a19 = b19 ^ (~b15 & b16);
        a20 = b20 ^ (~b21 & b22);
        a21 = b21 ^ (~b22 & b23);
        a22 = b22 ^ (~b23 & b24);
        a23 = b23 ^ (~b24 & b20);
        a24 = b24 ^ (~b20 & b21);
        a0 ^= ROUND_CONSTANTS[round];
        c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
        c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
        c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
        c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
        c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
      }
    }
    LANE.set(out, outOffset, a0);
    LANE.set(out, outOffset + 8, a1);
    LANE.set(out, outOffset + 16, a2);
    LANE.set(out, outOffset + 24, a3);
  }

  /**
   * Lane {@code lane} of the padded final block that starts at {@code position}: the remaining
   * message bytes little-endian, zeros after them, Keccak's pad byte 0x01 right after the message
   * and 0x80 in the block's last byte.
   */
  private static long finalLane(byte[] data, int position, int end, int lane) {
    int from = position + 8 * lane;
    long value;
    if (end - from >= 8) {
      value = (long) LANE.get(data, from);
    } else {
      value = 0;
      for (int i = Math.max(from, position); i < end; i++) {
        value |= (data[i] & 0xffL) << (8 * (i - from));
      }
      int padAt = end - from;
      if (padAt >= 0) {
        value ^= 0x01L << (8 * padAt);
      }
    }
    if (lane == RATE_LANES - 1) {
      value ^= 0x80L << 56;
    }
    return value;
  }

  /** Adds {@code data[offset, offset+length)} to an incremental hash. */
  public Keccak256 update(byte[] data, int offset, int length) {
    java.util.Objects.checkFromIndexSize(offset, length, data.length);
    int position = offset;
    int end = offset + length;
    if (pendingLength > 0) {
      int take = Math.min(RATE - pendingLength, length);
      System.arraycopy(data, position, pending, pendingLength, take);
      pendingLength += take;
      position += take;
      if (pendingLength < RATE) {
        return this;
      }
      absorbBlock(state, pending, 0);
      pendingLength = 0;
    }
    while (end - position >= RATE) {
      absorbBlock(state, data, position);
      position += RATE;
    }
    System.arraycopy(data, position, pending, 0, end - position);
    pendingLength = end - position;
    return this;
  }

  public Keccak256 update(byte[] data) {
    return update(data, 0, data.length);
  }

  /** Finishes the incremental hash into {@code out[offset..+32)} and resets for reuse. */
  public void digestInto(byte[] out, int offset) {
    java.util.Arrays.fill(pending, pendingLength, RATE, (byte) 0);
    absorbFinal(state, pending, pendingLength);
    squeeze(state, out, offset);
    reset();
  }

  /** Finishes the incremental hash and resets for reuse. */
  public byte[] digest() {
    byte[] out = new byte[DIGEST_LENGTH];
    digestInto(out, 0);
    return out;
  }

  public void reset() {
    java.util.Arrays.fill(state, 0L);
    pendingLength = 0;
  }

  private static void absorbBlock(long[] state, byte[] block, int offset) {
    for (int i = 0; i < RATE_LANES; i++) {
      state[i] ^= (long) LANE.get(block, offset + 8 * i);
    }
    permute(state);
  }

  /** Pads {@code block[0, length)} (zeros beyond it) with Keccak's 0x01 ... 0x80 and absorbs it. */
  private static void absorbFinal(long[] state, byte[] block, int length) {
    block[length] ^= 0x01;
    block[RATE - 1] ^= (byte) 0x80;
    absorbBlock(state, block, 0);
  }

  private static void squeeze(long[] state, byte[] out, int offset) {
    for (int i = 0; i < 4; i++) {
      LANE.set(out, offset + 8 * i, state[i]);
    }
  }

  /** Keccak-f[1600]: 24 rounds of theta, rho, pi, chi and iota over lanes a[x + 5y]. */
  static void permute(long[] s) {
    long a0 = s[0], a1 = s[1], a2 = s[2], a3 = s[3], a4 = s[4];
    long a5 = s[5], a6 = s[6], a7 = s[7], a8 = s[8], a9 = s[9];
    long a10 = s[10], a11 = s[11], a12 = s[12], a13 = s[13], a14 = s[14];
    long a15 = s[15], a16 = s[16], a17 = s[17], a18 = s[18], a19 = s[19];
    long a20 = s[20], a21 = s[21], a22 = s[22], a23 = s[23], a24 = s[24];
    // Column parities for theta, recomputed at the end of each round from the lanes just
    // written (measured faster than at the start of the round: KeccakBenchmark, 16 KiB).
    long c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
    long c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
    long c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
    long c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
    long c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
    for (int round = 0; round < 24; round++) {
      long d0 = c4 ^ Long.rotateLeft(c1, 1);
      long d1 = c0 ^ Long.rotateLeft(c2, 1);
      long d2 = c1 ^ Long.rotateLeft(c3, 1);
      long d3 = c2 ^ Long.rotateLeft(c4, 1);
      long d4 = c3 ^ Long.rotateLeft(c0, 1);
      long b0 = a0 ^ d0;
      long b16 = Long.rotateLeft(a5 ^ d0, 36);
      long b7 = Long.rotateLeft(a10 ^ d0, 3);
      long b23 = Long.rotateLeft(a15 ^ d0, 41);
      long b14 = Long.rotateLeft(a20 ^ d0, 18);
      long b10 = Long.rotateLeft(a1 ^ d1, 1);
      long b1 = Long.rotateLeft(a6 ^ d1, 44);
      long b17 = Long.rotateLeft(a11 ^ d1, 10);
      long b8 = Long.rotateLeft(a16 ^ d1, 45);
      long b24 = Long.rotateLeft(a21 ^ d1, 2);
      long b20 = Long.rotateLeft(a2 ^ d2, 62);
      long b11 = Long.rotateLeft(a7 ^ d2, 6);
      long b2 = Long.rotateLeft(a12 ^ d2, 43);
      long b18 = Long.rotateLeft(a17 ^ d2, 15);
      long b9 = Long.rotateLeft(a22 ^ d2, 61);
      long b5 = Long.rotateLeft(a3 ^ d3, 28);
      long b21 = Long.rotateLeft(a8 ^ d3, 55);
      long b12 = Long.rotateLeft(a13 ^ d3, 25);
      long b3 = Long.rotateLeft(a18 ^ d3, 21);
      long b19 = Long.rotateLeft(a23 ^ d3, 56);
      long b15 = Long.rotateLeft(a4 ^ d4, 27);
      long b6 = Long.rotateLeft(a9 ^ d4, 20);
      long b22 = Long.rotateLeft(a14 ^ d4, 39);
      long b13 = Long.rotateLeft(a19 ^ d4, 8);
      long b4 = Long.rotateLeft(a24 ^ d4, 14);
      a0 = b0 ^ (~b1 & b2);
      a1 = b1 ^ (~b2 & b3);
      a2 = b2 ^ (~b3 & b4);
      a3 = b3 ^ (~b4 & b0);
      a4 = b4 ^ (~b0 & b1);
      a5 = b5 ^ (~b6 & b7);
      a6 = b6 ^ (~b7 & b8);
      a7 = b7 ^ (~b8 & b9);
      a8 = b8 ^ (~b9 & b5);
      a9 = b9 ^ (~b5 & b6);
      a10 = b10 ^ (~b11 & b12);
      a11 = b11 ^ (~b12 & b13);
      a12 = b12 ^ (~b13 & b14);
      a13 = b13 ^ (~b14 & b10);
      a14 = b14 ^ (~b10 & b11);
      a15 = b15 ^ (~b16 & b17);
      a16 = b16 ^ (~b17 & b18);
      a17 = b17 ^ (~b18 & b19);
      a18 = b18 ^ (~b19 & b15);
      a19 = b19 ^ (~b15 & b16);
      a20 = b20 ^ (~b21 & b22);
      a21 = b21 ^ (~b22 & b23);
      a22 = b22 ^ (~b23 & b24);
      a23 = b23 ^ (~b24 & b20);
      a24 = b24 ^ (~b20 & b21);
      a0 ^= ROUND_CONSTANTS[round];
      c0 = a0 ^ a5 ^ a10 ^ a15 ^ a20;
      c1 = a1 ^ a6 ^ a11 ^ a16 ^ a21;
      c2 = a2 ^ a7 ^ a12 ^ a17 ^ a22;
      c3 = a3 ^ a8 ^ a13 ^ a18 ^ a23;
      c4 = a4 ^ a9 ^ a14 ^ a19 ^ a24;
    }
    s[0] = a0;
    s[1] = a1;
    s[2] = a2;
    s[3] = a3;
    s[4] = a4;
    s[5] = a5;
    s[6] = a6;
    s[7] = a7;
    s[8] = a8;
    s[9] = a9;
    s[10] = a10;
    s[11] = a11;
    s[12] = a12;
    s[13] = a13;
    s[14] = a14;
    s[15] = a15;
    s[16] = a16;
    s[17] = a17;
    s[18] = a18;
    s[19] = a19;
    s[20] = a20;
    s[21] = a21;
    s[22] = a22;
    s[23] = a23;
    s[24] = a24;
  }
}
