package io.merapi.evm.precompile;

import io.merapi.evm.precompile.bn254.Bn254;
import io.merapi.evm.precompile.bn254.InvalidPointException;

/**
 * ECADD at 0x06 (EIP-196): adds two G1 points of alt_bn128 (BN254). Input is zero-padded or cut to
 * 128 bytes; an invalid point fails the call. Priced at 500 gas in Byzantium and 150 from Istanbul
 * (EIP-1108).
 */
public record Bn254Add(long gas) implements Precompile {
  public static final Bn254Add BYZANTIUM = new Bn254Add(500);
  public static final Bn254Add ISTANBUL = new Bn254Add(150);

  private static final int INPUT_LENGTH = 2 * Bn254.G1_ENCODED_LENGTH;

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    try {
      return new PrecompileResult.Success(Bn254.add(Inputs.padded(input, 0, INPUT_LENGTH)), gas);
    } catch (InvalidPointException invalid) {
      return new PrecompileResult.Failure(invalid.getMessage());
    }
  }
}
