package io.merapi.node.engine;

import io.merapi.rpc.RpcError;
import io.merapi.rpc.client.RpcTransportException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;

/**
 * One clear sentence for each reason a call to the engine got no JSON-RPC answer, naming the
 * endpoint and the method, and for a JSON-RPC error the engine answered (with geth's {@code
 * data.err} detail, where the Engine API puts the reason).
 */
final class TransportErrors {
  private TransportErrors() {}

  static String describe(URI endpoint, String method, Duration timeout, RpcTransportException e) {
    String call = method + " to " + endpoint;
    return switch (e.kind()) {
      case CONNECTION ->
          causedBy(e, ConnectException.class)
              ? call + " failed: connection refused (is the engine running?)"
              : causedBy(e, ClosedChannelException.class)
                  ? call + " failed: the engine closed the connection"
                  : call + " failed: " + rootMessage(e);
      case TIMEOUT -> call + " failed: no answer within " + timeout.toMillis() + " ms";
      case HTTP_STATUS -> {
        int status = e.httpStatus().orElse(0);
        if (status == 401 || status == 403) {
          yield call
              + " was refused ("
              + e.getMessage()
              + "): the JWT secret (--l2.jwt-secret) is not the engine's"
              + " (--authrpc.jwtsecret), or the clocks differ by more than 60 s";
        }
        if (status >= 500) {
          yield call + " failed: the engine answered with a server error (" + e.getMessage() + ")";
        }
        yield call + " failed: unexpected HTTP status (" + e.getMessage() + ")";
      }
      case BAD_RESPONSE -> call + " failed: the answer is not JSON-RPC (" + e.getMessage() + ")";
      case CLOSED -> call + " failed: " + e.getMessage();
    };
  }

  /** geth's Engine API errors carry the reason in {@code data.err}; plain errors in the message. */
  static String describe(RpcError error) {
    String text = error.message();
    if (error.data().isPresent()) {
      var data = error.data().get();
      var err = data.get("err");
      if (err != null && err.isTextual()) {
        text += ": " + err.textValue();
      } else if (data.isTextual()) {
        text += ": " + data.textValue();
      }
    }
    return text;
  }

  private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
