package io.merapi.node.l1;

import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.TemporaryFailures;
import java.util.Locale;

/**
 * Which JSON-RPC failures are worth another try soon (the shared {@link TemporaryFailures}), and
 * which mean "no such block".
 */
final class RpcFailures {
  private RpcFailures() {}

  static boolean isTemporary(Throwable failure) {
    return TemporaryFailures.isTemporary(failure);
  }

  static boolean isTemporary(RpcError error) {
    return TemporaryFailures.isTemporary(error);
  }

  /**
   * Whether the node answered that it has no block under a label yet: geth's "safe block not found"
   * / "finalized block not found" (-32000) before the beacon chain has justified or finalized
   * anything, and the "unknown block" (-39001) of other clients.
   */
  static boolean isMissingLabel(Throwable failure) {
    if (failure instanceof RpcException rpc) {
      String m = rpc.error().message().toLowerCase(Locale.ROOT);
      return rpc.code() == -39001
          || (rpc.code() == RpcError.SERVER_ERROR
              && (m.contains("safe block not found")
                  || m.contains("finalized block not found")
                  || m.contains("unknown block")));
    }
    return false;
  }

  /** Whether the node does not have the method, or not with these parameters. */
  static boolean isUnsupportedMethod(RpcError error) {
    String m = error.message().toLowerCase(Locale.ROOT);
    return error.code() == RpcError.METHOD_NOT_FOUND
        || error.code() == RpcError.INVALID_PARAMS
        || error.code() == RpcError.INVALID_REQUEST
        || m.contains("not supported")
        || m.contains("does not exist")
        || m.contains("not available");
  }
}
