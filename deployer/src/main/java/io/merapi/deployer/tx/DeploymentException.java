package io.merapi.deployer.tx;

/** A deployment step that failed: a reverted transaction, a refused one, or an L1 that is gone. */
public final class DeploymentException extends RuntimeException {
  public DeploymentException(String message) {
    super(message);
  }

  public DeploymentException(String message, Throwable cause) {
    super(message, cause);
  }
}
