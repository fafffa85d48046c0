package io.merapi.evm.precompile;

/** What a precompile returns: output and gas used, or a failure that consumes all gas given. */
public sealed interface PrecompileResult {

  /** The call succeeded: {@code output} is the return data, {@code gasUsed} what it cost. */
  record Success(byte[] output, long gasUsed) implements PrecompileResult {}

  /** Out of gas or invalid input; the frame's gas is consumed and the call returns failure. */
  record Failure(String reason) implements PrecompileResult {}
}
