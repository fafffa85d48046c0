package io.merapi.execution.api.call;

import io.merapi.evm.CallKind;
import io.merapi.evm.CallResult;
import io.merapi.evm.FrameView;
import io.merapi.evm.Halt;
import io.merapi.evm.Message;
import io.merapi.evm.Tracer;

/**
 * Aborts a simulated call that runs past {@code --rpc.evmtimeout} (geth cancels the EVM the same
 * way). The EVM has no cancellation of its own, so this is a tracer: it looks at the clock every
 * {@value #CHECK_EVERY} instructions and throws {@link CallTimeoutException} out of the EVM, whose
 * working state is then dropped. Other tracer calls pass through to {@code inner}.
 */
public final class Deadline implements Tracer {
  private static final int CHECK_EVERY = 4096;

  private final Tracer inner;
  private final long deadlineNanos;
  private final long timeoutMillis;
  private int countdown = CHECK_EVERY;

  private Deadline(Tracer inner, long timeoutMillis) {
    this.inner = inner;
    this.timeoutMillis = timeoutMillis;
    this.deadlineNanos = System.nanoTime() + timeoutMillis * 1_000_000L;
  }

  /** {@code inner} with a deadline {@code timeoutMillis} from now; no deadline if it is 0. */
  public static Tracer around(Tracer inner, long timeoutMillis) {
    return timeoutMillis <= 0 ? inner : new Deadline(inner, timeoutMillis);
  }

  /** Thrown out of the EVM when the deadline passed. */
  public static final class CallTimeoutException extends RuntimeException {
    CallTimeoutException(long timeoutMillis) {
      super(
          "execution aborted (timeout = " + formatMillis(timeoutMillis) + ")", null, false, false);
    }
  }

  /** Go's duration format for whole seconds and milliseconds ({@code 5s}, {@code 500ms}). */
  static String formatMillis(long millis) {
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }

  @Override
  public boolean isEnabled() {
    return true;
  }

  @Override
  public void beforeInstruction(FrameView frame, int pc, int opcode, long gas) {
    if (--countdown == 0) {
      countdown = CHECK_EVERY;
      if (System.nanoTime() - deadlineNanos > 0) {
        throw new CallTimeoutException(timeoutMillis);
      }
    }
    inner.beforeInstruction(frame, pc, opcode, gas);
  }

  @Override
  public void afterInstruction(long gasCost) {
    inner.afterInstruction(gasCost);
  }

  @Override
  public void onFault(Halt halt) {
    inner.onFault(halt);
  }

  @Override
  public void onFrameStart(int depth, CallKind kind, Message message) {
    inner.onFrameStart(depth, kind, message);
  }

  @Override
  public void onFrameEnd(int depth, CallResult result, long gasUsed) {
    inner.onFrameEnd(depth, result, gasUsed);
  }
}
