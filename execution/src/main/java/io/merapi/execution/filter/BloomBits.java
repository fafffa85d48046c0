package io.merapi.execution.filter;

import io.merapi.base.bloom.LogsBloom;
import java.util.List;
import java.util.function.IntFunction;

/**
 * The bloom-bits transposition of geth's {@code core/bloombits}: the headers' logs blooms of a
 * section of {@value #SECTION_SIZE} blocks turned into {@value #BLOOM_BITS} vectors, one per bloom
 * bit, each telling which blocks of the section have that bit set. A query for a value then reads
 * the three vectors of its bits and ANDs them, instead of reading every header. Pure: storage is
 * {@link BloomBitsIndex}'s.
 *
 * <p>Bits are numbered as {@link LogsBloom#bitPositions} numbers them; a vector is {@value #WORDS}
 * longs, block {@code j} of the section at bit {@code j % 64} of word {@code j / 64}.
 */
public final class BloomBits {
  public static final int SECTION_SIZE = 4096;
  public static final int BLOOM_BITS = LogsBloom.BYTES * 8;
  static final int WORDS = SECTION_SIZE / 64;

  private static final byte RAW = 0;
  private static final byte SPARSE = 1;

  private BloomBits() {}

  /** The vectors of a section from its blocks' blooms, in block order (at most a section). */
  public static long[][] vectors(List<LogsBloom> blooms) {
    if (blooms.size() > SECTION_SIZE) {
      throw new IllegalArgumentException("more blooms than a section holds: " + blooms.size());
    }
    long[][] vectors = new long[BLOOM_BITS][WORDS];
    for (int j = 0; j < blooms.size(); j++) {
      byte[] bloom = blooms.get(j).array();
      long mask = 1L << (j & 63);
      int word = j >>> 6;
      for (int byteIndex = 0; byteIndex < LogsBloom.BYTES; byteIndex++) {
        int b = bloom[byteIndex] & 0xff;
        while (b != 0) {
          int bit = Integer.numberOfTrailingZeros(b);
          vectors[byteIndex * 8 + bit][word] |= mask;
          b &= b - 1;
        }
      }
    }
    return vectors;
  }

  public static boolean isZero(long[] vector) {
    for (long word : vector) {
      if (word != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * A vector's stored form: the positions of its set bits (two bytes each) when that is shorter,
   * which it is for all but the most common bits; the raw 512 bytes otherwise.
   */
  public static byte[] encode(long[] vector) {
    int count = 0;
    for (long word : vector) {
      count += Long.bitCount(word);
    }
    if (2 * count < SECTION_SIZE / 8) {
      byte[] out = new byte[1 + 2 * count];
      out[0] = SPARSE;
      int at = 1;
      for (int w = 0; w < WORDS; w++) {
        long word = vector[w];
        while (word != 0) {
          int position = w * 64 + Long.numberOfTrailingZeros(word);
          out[at++] = (byte) (position >>> 8);
          out[at++] = (byte) position;
          word &= word - 1;
        }
      }
      return out;
    }
    byte[] out = new byte[1 + SECTION_SIZE / 8];
    out[0] = RAW;
    for (int w = 0; w < WORDS; w++) {
      long word = vector[w];
      for (int i = 0; i < 8; i++) {
        out[1 + w * 8 + i] = (byte) (word >>> (8 * i));
      }
    }
    return out;
  }

  /**
   * @throws IllegalStateException if {@code stored} is not an encoded vector
   */
  public static long[] decode(byte[] stored) {
    long[] vector = new long[WORDS];
    if (stored.length >= 1 && stored[0] == SPARSE && (stored.length & 1) == 1) {
      for (int at = 1; at < stored.length; at += 2) {
        int position = ((stored[at] & 0xff) << 8) | (stored[at + 1] & 0xff);
        if (position >= SECTION_SIZE) {
          throw new IllegalStateException("bloom-bits position out of range: " + position);
        }
        vector[position >>> 6] |= 1L << (position & 63);
      }
      return vector;
    }
    if (stored.length == 1 + SECTION_SIZE / 8 && stored[0] == RAW) {
      for (int w = 0; w < WORDS; w++) {
        long word = 0;
        for (int i = 7; i >= 0; i--) {
          word = (word << 8) | (stored[1 + w * 8 + i] & 0xff);
        }
        vector[w] = word;
      }
      return vector;
    }
    throw new IllegalStateException("not a stored bloom-bits vector (" + stored.length + " bytes)");
  }

  /**
   * The blocks of a section that may hold a matching log: for each clause (all must hold) the OR
   * over its alternatives of the AND of each alternative's three bit vectors. {@code vector} reads
   * the vector of one bit (all zero when absent); each bit is read at most once.
   */
  public static long[] match(List<List<int[]>> clauses, IntFunction<long[]> vector) {
    long[][] cache = new long[BLOOM_BITS][];
    long[] result = null;
    for (List<int[]> clause : clauses) {
      long[] any = new long[WORDS];
      for (int[] bits : clause) {
        long[] all = null;
        for (int bit : bits) {
          long[] v = cache[bit];
          if (v == null) {
            v = vector.apply(bit);
            cache[bit] = v;
          }
          if (all == null) {
            all = v.clone();
          } else {
            for (int w = 0; w < WORDS; w++) {
              all[w] &= v[w];
            }
          }
        }
        for (int w = 0; w < WORDS; w++) {
          any[w] |= all[w];
        }
      }
      if (result == null) {
        result = any;
      } else {
        for (int w = 0; w < WORDS; w++) {
          result[w] &= any[w];
        }
      }
      if (isZero(result)) {
        return result;
      }
    }
    if (result == null) {
      result = new long[WORDS];
      java.util.Arrays.fill(result, -1L);
    }
    return result;
  }
}
