package io.merapi.node.safedb;

/**
 * A safe-head query to a node started without {@code --safedb.path}. The message is op-node's
 * {@code ErrNotEnabled}, which clients may match on.
 */
public final class SafeDbDisabledException extends RuntimeException {
  public static final String MESSAGE = "safe head database not enabled";

  public SafeDbDisabledException() {
    super(MESSAGE, null, false, false);
  }
}
