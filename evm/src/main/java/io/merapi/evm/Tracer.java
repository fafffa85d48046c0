package io.merapi.evm;

/**
 * Hooks at instruction level, for EIP-3155 traces and debuggers. The interpreter tests one final
 * boolean per instruction and calls nothing when the tracer is {@link #NONE}, so tracing costs
 * nothing when off.
 *
 * <p>For each instruction the tracer gets {@link #beforeInstruction} (the state before it runs) and
 * then {@link #afterInstruction} with the gas it cost, or {@link #onFault} if it halted the frame
 * exceptionally. For CALL and CREATE the cost includes the gas handed to the new frame, and {@code
 * afterInstruction} comes before the new frame's first instruction.
 */
public interface Tracer {
  Tracer NONE = new Tracer() {};

  default boolean isEnabled() {
    return this != NONE;
  }

  /** The instruction at {@code pc} is about to run with {@code gas} left. */
  default void beforeInstruction(FrameView frame, int pc, int opcode, long gas) {}

  /** The instruction announced last ran and cost {@code gasCost}. */
  default void afterInstruction(long gasCost) {}

  /** The instruction announced last halted the frame with {@code halt}. */
  default void onFault(Halt halt) {}

  /** A frame at {@code depth} (1 for the transaction's own) starts. */
  default void onFrameStart(int depth, CallKind kind, Message message) {}

  /** A frame at {@code depth} ended. */
  default void onFrameEnd(int depth, CallResult result, long gasUsed) {}
}
