package io.merapi.evm.precompile;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * BLAKE2F at 0x09 (EIP-152): the BLAKE2b compression function F with a caller-chosen number of
 * rounds, priced at 1 gas a round. Input is exactly 213 bytes: {@code rounds} (4 bytes, big
 * endian), the state {@code h} (8 words), the message block {@code m} (16 words), the offset
 * counter {@code t} (2 words), all little-endian 64-bit words, then the final-block flag {@code f}
 * (1 byte, 0 or 1). Output is the new state {@code h}, 64 bytes.
 *
 * <p>The sixteen working words live in locals for the whole compression so that HotSpot keeps them
 * in registers; rounds are unbounded (up to 2^32 - 1) and paid for, so the loop is the cost.
 */
public final class Blake2F implements Precompile {
  static final int INPUT_LENGTH = 213;

  private static final VarHandle WORD =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  // RFC 7693, section 2.6: the initialisation vector (the SHA-512 IV).
  private static final long IV0 = 0x6a09e667f3bcc908L;
  private static final long IV1 = 0xbb67ae8584caa73bL;
  private static final long IV2 = 0x3c6ef372fe94f82bL;
  private static final long IV3 = 0xa54ff53a5f1d36f1L;
  private static final long IV4 = 0x510e527fade682d1L;
  private static final long IV5 = 0x9b05688c2b3e6c1fL;
  private static final long IV6 = 0x1f83d9abfb41bd6bL;
  private static final long IV7 = 0x5be0cd19137e2179L;

  // RFC 7693, section 2.7: the message word permutations; round i uses SIGMA[i mod 10].
  private static final int[][] SIGMA = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0}
  };

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    if (input.length != INPUT_LENGTH) {
      return new PrecompileResult.Failure(
          "blake2f input must be " + INPUT_LENGTH + " bytes, got " + input.length);
    }
    int flag = input[212];
    if (flag != 0 && flag != 1) {
      return new PrecompileResult.Failure("blake2f final-block flag must be 0 or 1, got " + flag);
    }
    long rounds =
        ((input[0] & 0xffL) << 24)
            | ((input[1] & 0xff) << 16)
            | ((input[2] & 0xff) << 8)
            | (input[3] & 0xff);
    if (rounds > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    long[] h = new long[8];
    for (int i = 0; i < 8; i++) {
      h[i] = (long) WORD.get(input, 4 + 8 * i);
    }
    long[] m = new long[16];
    for (int i = 0; i < 16; i++) {
      m[i] = (long) WORD.get(input, 68 + 8 * i);
    }
    long t0 = (long) WORD.get(input, 196);
    long t1 = (long) WORD.get(input, 204);
    compress(rounds, h, m, t0, t1, flag == 1);
    byte[] output = new byte[64];
    for (int i = 0; i < 8; i++) {
      WORD.set(output, 8 * i, h[i]);
    }
    return new PrecompileResult.Success(output, rounds);
  }

  /** RFC 7693 section 3.2, F, with {@code rounds} rounds instead of BLAKE2b's fixed 12. */
  static void compress(long rounds, long[] h, long[] m, long t0, long t1, boolean lastBlock) {
    long v0 = h[0], v1 = h[1], v2 = h[2], v3 = h[3], v4 = h[4], v5 = h[5], v6 = h[6], v7 = h[7];
    long v8 = IV0, v9 = IV1, v10 = IV2, v11 = IV3;
    long v12 = IV4 ^ t0, v13 = IV5 ^ t1, v14 = lastBlock ? ~IV6 : IV6, v15 = IV7;
    for (long round = 0; round < rounds; round++) {
      int[] s = SIGMA[(int) (round % 10)];
      v0 += v4 + m[s[0]];
      v12 = Long.rotateRight(v12 ^ v0, 32);
      v8 += v12;
      v4 = Long.rotateRight(v4 ^ v8, 24);
      v0 += v4 + m[s[1]];
      v12 = Long.rotateRight(v12 ^ v0, 16);
      v8 += v12;
      v4 = Long.rotateRight(v4 ^ v8, 63);
      v1 += v5 + m[s[2]];
      v13 = Long.rotateRight(v13 ^ v1, 32);
      v9 += v13;
      v5 = Long.rotateRight(v5 ^ v9, 24);
      v1 += v5 + m[s[3]];
      v13 = Long.rotateRight(v13 ^ v1, 16);
      v9 += v13;
      v5 = Long.rotateRight(v5 ^ v9, 63);
      v2 += v6 + m[s[4]];
      v14 = Long.rotateRight(v14 ^ v2, 32);
      v10 += v14;
      v6 = Long.rotateRight(v6 ^ v10, 24);
      v2 += v6 + m[s[5]];
      v14 = Long.rotateRight(v14 ^ v2, 16);
      v10 += v14;
      v6 = Long.rotateRight(v6 ^ v10, 63);
      v3 += v7 + m[s[6]];
      v15 = Long.rotateRight(v15 ^ v3, 32);
      v11 += v15;
      v7 = Long.rotateRight(v7 ^ v11, 24);
      v3 += v7 + m[s[7]];
      v15 = Long.rotateRight(v15 ^ v3, 16);
      v11 += v15;
      v7 = Long.rotateRight(v7 ^ v11, 63);
      v0 += v5 + m[s[8]];
      v15 = Long.rotateRight(v15 ^ v0, 32);
      v10 += v15;
      v5 = Long.rotateRight(v5 ^ v10, 24);
      v0 += v5 + m[s[9]];
      v15 = Long.rotateRight(v15 ^ v0, 16);
      v10 += v15;
      v5 = Long.rotateRight(v5 ^ v10, 63);
      v1 += v6 + m[s[10]];
      v12 = Long.rotateRight(v12 ^ v1, 32);
      v11 += v12;
      v6 = Long.rotateRight(v6 ^ v11, 24);
      v1 += v6 + m[s[11]];
      v12 = Long.rotateRight(v12 ^ v1, 16);
      v11 += v12;
      v6 = Long.rotateRight(v6 ^ v11, 63);
      v2 += v7 + m[s[12]];
      v13 = Long.rotateRight(v13 ^ v2, 32);
      v8 += v13;
      v7 = Long.rotateRight(v7 ^ v8, 24);
      v2 += v7 + m[s[13]];
      v13 = Long.rotateRight(v13 ^ v2, 16);
      v8 += v13;
      v7 = Long.rotateRight(v7 ^ v8, 63);
      v3 += v4 + m[s[14]];
      v14 = Long.rotateRight(v14 ^ v3, 32);
      v9 += v14;
      v4 = Long.rotateRight(v4 ^ v9, 24);
      v3 += v4 + m[s[15]];
      v14 = Long.rotateRight(v14 ^ v3, 16);
      v9 += v14;
      v4 = Long.rotateRight(v4 ^ v9, 63);
    }
    h[0] ^= v0 ^ v8;
    h[1] ^= v1 ^ v9;
    h[2] ^= v2 ^ v10;
    h[3] ^= v3 ^ v11;
    h[4] ^= v4 ^ v12;
    h[5] ^= v5 ^ v13;
    h[6] ^= v6 ^ v14;
    h[7] ^= v7 ^ v15;
  }
}
