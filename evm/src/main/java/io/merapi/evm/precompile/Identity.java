package io.merapi.evm.precompile;

/** IDENTITY at 0x04: returns its input; 15 gas plus 3 a word (Yellow Paper, appendix E). */
public final class Identity implements Precompile {
  static final long BASE_GAS = 15;
  static final long WORD_GAS = 3;

  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    long gas = BASE_GAS + WORD_GAS * Inputs.words(input.length);
    if (gas > gasLimit) {
      return Inputs.OUT_OF_GAS;
    }
    return new PrecompileResult.Success(input.clone(), gas);
  }
}
