package io.merapi.evm.precompile;

/**
 * A precompiled contract: native code at a fixed address, priced by its input. The interpreter
 * calls {@link #execute} with the gas the call frame has; a precompile charges its own cost and
 * fails (consuming all of that gas) when the cost exceeds it or the input is invalid.
 */
public interface Precompile {

  /** Runs the precompile on {@code input} with at most {@code gasLimit} gas. */
  PrecompileResult execute(byte[] input, long gasLimit);
}
