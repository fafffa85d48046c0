package io.merapi.evm.precompile;

import io.merapi.evm.precompile.bls.Bls12381;
import io.merapi.evm.precompile.bls.BlsInputException;

/**
 * PAIRING_CHECK at 0x0f (EIP-2537): k (G1, G2) pairs, k at least one, both points checked for their
 * subgroups; returns the word 1 when the product of the pairings is one, else 0. Priced at 37700 +
 * 32600 k.
 */
record BlsPairing() implements Precompile {
  static final long BASE_GAS = 37_700;
  static final long PAIR_GAS = 32_600;

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    long gas = BASE_GAS + PAIR_GAS * (input.length / Bls12381.PAIRING_PAIR_LENGTH);
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    if (input.length == 0 || input.length % Bls12381.PAIRING_PAIR_LENGTH != 0) {
      return new PrecompileResult.Failure(
          "PAIRING_CHECK: invalid input length " + input.length + ", not a multiple of 384");
    }
    try {
      byte[] word = new byte[32];
      word[31] = (byte) (Bls12381.pairingCheck(input) ? 1 : 0);
      return new PrecompileResult.Success(word, gas);
    } catch (BlsInputException invalid) {
      return new PrecompileResult.Failure("PAIRING_CHECK: " + invalid.getMessage());
    }
  }
}
