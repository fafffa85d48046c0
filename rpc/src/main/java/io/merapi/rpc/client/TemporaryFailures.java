package io.merapi.rpc.client;

import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import java.util.Locale;

/**
 * Which JSON-RPC failures are worth another try soon: the rollup node's L1 client and the services'
 * clients retry these and give up at once on the others.
 */
public final class TemporaryFailures {
  private TemporaryFailures() {}

  /**
   * Temporary: no answer (connection refused or dropped, a timeout), an HTTP 5xx or 429 from the
   * node or a proxy in front of it, rate limiting, and the errors a node behind a load balancer
   * gives for a block another backend already has ("header not found", "unknown block").
   */
  public static boolean isTemporary(Throwable failure) {
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

  public static boolean isTemporary(RpcError error) {
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
}
