package io.merapi.evm.precompile;

import io.merapi.evm.precompile.bn254.Bn254;
import io.merapi.evm.precompile.bn254.InvalidPointException;

/**
 * ECMUL at 0x07 (EIP-196): multiplies a G1 point of alt_bn128 (BN254) by a 256-bit scalar. Input is
 * zero-padded or cut to 96 bytes; an invalid point fails the call. Priced at 40000 gas in Byzantium
 * and 6000 from Istanbul (EIP-1108).
 */
public record Bn254Mul(long gas) implements Precompile {
  public static final Bn254Mul BYZANTIUM = new Bn254Mul(40_000);
  public static final Bn254Mul ISTANBUL = new Bn254Mul(6_000);

  private static final int INPUT_LENGTH = Bn254.G1_ENCODED_LENGTH + 32;

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    try {
      return new PrecompileResult.Success(Bn254.mul(Inputs.padded(input, 0, INPUT_LENGTH)), gas);
    } catch (InvalidPointException invalid) {
      return new PrecompileResult.Failure(invalid.getMessage());
    }
  }
}
