package io.merapi.node.l1;

import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.RpcTransportException;
import java.util.Locale;

/** Which JSON-RPC failures are worth another try soon, and which mean "no such block". */
final class RpcFailures {
  private RpcFailures() {}

  /**
   * Temporary: no answer (connection refused or dropped, a timeout), an HTTP 5xx or 429 from the
   * node or a proxy in front of it, rate limiting, and the errors a node behind a load balancer
   * gives for a block another backend already has ("header not found", "unknown block").
   */
  static boolean isTemporary(Throwable failure) {
    if (failure instanceof RpcTransportException transport) {
      return switch (transport.kind()) {
        case CONNECTION, TIMEOUT, CLOSED -> true;
        case HTTP_STATUS -> {
          int status = transport.httpStatus().orElse(0);
          yield status >= 500 || status == 429 || status == 408;
        }
        case BAD_RESPONSE -> false;
      };
    }
    if (failure instanceof RpcException rpc) {
      return isTemporary(rpc.error());
    }
    return false;
  }

  static boolean isTemporary(RpcError error) {
    return switch (error.code()) {
      case RpcError.TIMEOUT, RpcError.INTERNAL_ERROR -> true;
      // EIP-1474 "limit exceeded": providers use it for rate limits.
      case -32005 -> true;
      case RpcError.SERVER_ERROR -> notYetAvailable(error.message());
      default -> false;
    };
  }

  private static boolean notYetAvailable(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("header not found")
        || m.contains("unknown block")
        || m.contains("block not found")
        || m.contains("request timed out")
        || m.contains("too many requests")
        || m.contains("rate limit");
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
