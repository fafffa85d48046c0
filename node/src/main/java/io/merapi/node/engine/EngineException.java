package io.merapi.node.engine;

/**
 * An Engine API call that failed. {@link Temporary}: the engine could not be reached, timed out or
 * refused the JWT — retry with backoff. {@link Rejected}: the engine answered with a JSON-RPC error
 * (an invalid forkchoice state, invalid payload attributes, an unsupported fork, an unknown payload
 * id), which the caller decides about.
 */
public abstract sealed class EngineException extends RuntimeException {
  private EngineException(String message, Throwable cause) {
    super(message, cause);
  }

  /** The engine did not answer; the same call may work later. */
  public static final class Temporary extends EngineException {
    public Temporary(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** The engine answered with a JSON-RPC error. */
  public static final class Rejected extends EngineException {
    /** Engine API error codes (execution-apis common.md "Errors"). */
    public static final int UNKNOWN_PAYLOAD = -38001;

    public static final int INVALID_FORKCHOICE_STATE = -38002;
    public static final int INVALID_PAYLOAD_ATTRIBUTES = -38003;
    public static final int UNSUPPORTED_FORK = -38005;

    private final int code;

    public Rejected(int code, String message) {
      super(message + " (code " + code + ")", null);
      this.code = code;
    }

    public int code() {
      return code;
    }
  }
}
