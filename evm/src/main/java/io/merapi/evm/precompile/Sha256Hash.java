package io.merapi.evm.precompile;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA256 at 0x02: 60 gas plus 12 a word (Yellow Paper, appendix E). The JDK's SHA-256 is used
 * because HotSpot compiles it to the CPU's SHA extensions where they exist.
 */
public final class Sha256Hash implements Precompile {
  static final long BASE_GAS = 60;
  static final long WORD_GAS = 12;

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    long gas = BASE_GAS + WORD_GAS * Inputs.words(input.length);
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    return new PrecompileResult.Success(sha256(input), gas);
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException absent) {
      // Every Java SE runtime must provide SHA-256 (MessageDigest's documented requirement).
      throw new IllegalStateException("the JDK has no SHA-256", absent);
    }
  }
}
