package io.merapi.evm.precompile;

import io.merapi.evm.precompile.bls.Bls12381;
import io.merapi.evm.precompile.bls.BlsInputException;

/**
 * The fixed-length, fixed-price EIP-2537 precompiles: G1ADD (0x0b, 256 bytes, 375 gas), G2ADD
 * (0x0d, 512 bytes, 600 gas), MAP_FP_TO_G1 (0x10, 64 bytes, 5500 gas) and MAP_FP2_TO_G2 (0x11, 128
 * bytes, 23800 gas). Any other input length fails.
 */
record BlsFixed(String name, int inputLength, long gas, BlsOperation operation)
    implements Precompile {
  static final BlsFixed G1_ADD =
      new BlsFixed("G1ADD", 2 * Bls12381.G1_LENGTH, 375, Bls12381::g1Add);
  static final BlsFixed G2_ADD =
      new BlsFixed("G2ADD", 2 * Bls12381.G2_LENGTH, 600, Bls12381::g2Add);
  static final BlsFixed MAP_FP_TO_G1 =
      new BlsFixed("MAP_FP_TO_G1", Bls12381.FP_LENGTH, 5_500, Bls12381::mapFpToG1);
  static final BlsFixed MAP_FP2_TO_G2 =
      new BlsFixed("MAP_FP2_TO_G2", Bls12381.FP2_LENGTH, 23_800, Bls12381::mapFp2ToG2);

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    if (input.length != inputLength) {
      return new PrecompileResult.Failure(
          name + ": invalid input length " + input.length + ", expected " + inputLength);
    }
    try {
      return new PrecompileResult.Success(operation.apply(input), gas);
    } catch (BlsInputException invalid) {
      return new PrecompileResult.Failure(name + ": " + invalid.getMessage());
    }
  }
}
