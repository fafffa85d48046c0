package io.merapi.evm.precompile;

import org.bouncycastle.crypto.digests.RIPEMD160Digest;

/**
 * RIPEMD160 at 0x03: 600 gas plus 120 a word; the 20-byte digest is returned left-padded to a
 * 32-byte word (Yellow Paper, appendix E).
 */
public final class Ripemd160Hash implements Precompile {
  static final long BASE_GAS = 600;
  static final long WORD_GAS = 120;

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    long gas = BASE_GAS + WORD_GAS * Inputs.words(input.length);
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    RIPEMD160Digest digest = new RIPEMD160Digest();
    digest.update(input, 0, input.length);
    byte[] word = new byte[32];
    digest.doFinal(word, 32 - digest.getDigestSize());
    return new PrecompileResult.Success(word, gas);
  }
}
