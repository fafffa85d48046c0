package io.merapi.state.tool.t8n;

/** A t8n failure with geth's exit code for its kind. */
public final class T8nException extends RuntimeException {
  /** The EVM or the state could not finish the block. */
  public static final int EVM = 2;

  /** Bad fork name or an environment the fork cannot run with. */
  public static final int CONFIG = 3;

  /** BLOCKHASH asked for a block whose hash the environment does not give. */
  public static final int MISSING_BLOCKHASH = 4;

  public static final int JSON = 10;
  public static final int IO = 11;
  public static final int RLP = 12;

  private final int exitCode;

  public T8nException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
