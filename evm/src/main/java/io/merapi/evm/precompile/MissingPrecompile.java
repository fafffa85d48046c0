package io.merapi.evm.precompile;

/**
 * A precompile a fork defines that this EVM does not implement yet. Its address is still warm and
 * still "a precompile" (so a delegation to it runs no code), but a call to it throws: running on
 * with a guessed result would be a silent wrong answer.
 */
record MissingPrecompile(int address, String name) implements Precompile {
  @Override
  public PrecompileResult execute(byte[] input, long gasLimit) {
    throw new UnsupportedOperationException(
        String.format("precompile 0x%02x (%s) is not implemented yet", address, name));
  }
}
