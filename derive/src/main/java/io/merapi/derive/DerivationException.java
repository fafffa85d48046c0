package io.merapi.derive;

/**
 * Why a derivation step failed, grouped by what the caller must do (op-node's error levels, specs
 * derivation.md "Resetting the Pipeline"): a {@link Temporary} failure (an L1 or L2 source did not
 * answer) is retried as it is; a {@link Reset} (the L1 or L2 chain is not what the pipeline built
 * on: a reorg) rewinds the pipeline to a consistent starting point; a {@link Critical} failure
 * (configuration or data no correct chain can have) stops derivation.
 *
 * <p>Running out of input is not an error: stages say so in their results.
 */
public abstract sealed class DerivationException extends RuntimeException
    permits DerivationException.Temporary, DerivationException.Reset, DerivationException.Critical {

  protected DerivationException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Retry the same step later. */
  public static final class Temporary extends DerivationException {
    public Temporary(String message) {
      super(message, null);
    }

    public Temporary(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Rewind the pipeline: the chain it derived from changed under it. */
  public static final class Reset extends DerivationException {
    public Reset(String message) {
      super(message, null);
    }

    public Reset(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Stop: continuing would derive a wrong chain. */
  public static final class Critical extends DerivationException {
    public Critical(String message) {
      super(message, null);
    }

    public Critical(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
