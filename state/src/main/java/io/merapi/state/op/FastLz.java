package io.merapi.state.op;

/**
 * The size of FastLZ level-1 compression (specs fjord/exec-engine.md, "FastLZ Implementation":
 * equivalent to {@code fastlz_compress} of ariya/FastLZ at commit 344eb40, as op-geth's {@code
 * FlzCompressLen} and Solady's {@code LibZip.flzCompress} compute it). Fjord's L1 data fee
 * estimates a transaction's compressed size from it. Only the length is needed, so nothing is
 * written out: the scan counts what a literal run or a back-reference would occupy.
 *
 * <p>Format facts that fix the count: literals are emitted in runs of at most 32 bytes, each run
 * with a one-byte header; a match is found through a 8,192-entry hash table of 3-byte sequences,
 * may reach back at most 8,191 bytes, and costs 2 bytes when its length code fits in the
 * instruction byte (under 7 after the implicit 2, i.e. length-1 mod 262 below 6) and 3 otherwise,
 * plus 3 more for each full 262 of length.
 */
public final class FastLz {
  private static final int HASH_LOG = 13;
  private static final int HASH_SIZE = 1 << HASH_LOG;
  private static final int MAX_DISTANCE = 8191;
  private static final int MAX_LITERALS = 32;

  private FastLz() {}

  /** The number of bytes FastLZ level 1 compresses {@code input} into. */
  public static int compressedLength(byte[] input) {
    int length = input.length;
    // The last 13 bytes are never the start of a match (the compressor's bounds margin).
    int ipLimit = length < 13 ? 0 : length - 13;
    int[] table = new int[HASH_SIZE];
    int size = 0;
    int anchor = 0;
    int ip = 2;
    while (ip < ipLimit) {
      int ref;
      int sequence;
      // Find the next position whose 3 bytes were seen within reach.
      while (true) {
        sequence = read24(input, ip);
        int h = hash(sequence);
        ref = table[h];
        table[h] = ip;
        int distance = ip - ref;
        if (ip >= ipLimit) {
          break;
        }
        ip++;
        if (distance <= MAX_DISTANCE && sequence == read24(input, ref)) {
          break;
        }
      }
      if (ip >= ipLimit) {
        break;
      }
      ip--;
      if (ip > anchor) {
        size += literalsLength(ip - anchor);
      }
      int matched = matchLength(input, ref + 3, ip + 3, ipLimit + 9);
      size += matchCost(matched);
      ip += matched;
      // The two positions after a match are hashed so later matches can refer to them.
      table[hash(read24(input, ip))] = ip;
      ip++;
      table[hash(read24(input, ip))] = ip;
      ip++;
      anchor = ip;
    }
    size += literalsLength(length - anchor);
    return size;
  }

  private static int read24(byte[] b, int i) {
    return (b[i] & 0xff) | ((b[i + 1] & 0xff) << 8) | ((b[i + 2] & 0xff) << 16);
  }

  /** Fibonacci hashing of a 3-byte sequence to 13 bits (uint32 arithmetic). */
  private static int hash(int sequence) {
    return ((sequence * 0x9E3779B9) >>> (32 - HASH_LOG)) & (HASH_SIZE - 1);
  }

  private static int literalsLength(int count) {
    int size = (MAX_LITERALS + 1) * (count / MAX_LITERALS);
    int rest = count % MAX_LITERALS;
    return rest == 0 ? size : size + rest + 1;
  }

  /**
   * The length the match extends past its first 3 bytes, counting the first differing byte as
   * FastLZ's comparison loop does, bounded by {@code end}.
   */
  private static int matchLength(byte[] b, int ref, int ip, int end) {
    int bound = end - ip;
    int l = 0;
    while (l < bound) {
      if (b[ref + l] != b[ip + l]) {
        return l + 1;
      }
      l++;
    }
    return l;
  }

  private static int matchCost(int matched) {
    int l = matched - 1;
    return 3 * (l / 262) + (l % 262 >= 6 ? 3 : 2);
  }
}
