package io.merapi.execution.api.call;

/**
 * A call that could not run at all: its arguments contradict each other, or the state refuses it
 * before execution (funds, fee caps, intrinsic gas). The message is geth's; the RPC answer is
 * -32000 with it.
 */
public final class CallException extends RuntimeException {
  private final boolean intrinsicGasTooLow;

  public CallException(String message) {
    this(message, false);
  }

  CallException(String message, boolean intrinsicGasTooLow) {
    super(message, null, false, false);
    this.intrinsicGasTooLow = intrinsicGasTooLow;
  }

  /** The gas limit was below the intrinsic gas: gas estimation raises the limit and tries again. */
  public boolean intrinsicGasTooLow() {
    return intrinsicGasTooLow;
  }
}
