package io.merapi.rpc.client;

import java.util.OptionalInt;

/**
 * A call that got no JSON-RPC answer: the connection failed or closed, the server answered with an
 * HTTP error (401 for a refused JWT, 413, ...), the answer was not JSON-RPC, or it took too long.
 * These are the failures a caller may retry; an error the server answered is an {@link
 * io.merapi.rpc.RpcException}.
 */
public final class RpcTransportException extends RuntimeException {
  public enum Kind {
    CONNECTION,
    HTTP_STATUS,
    TIMEOUT,
    CLOSED,
    BAD_RESPONSE
  }

  private final Kind kind;
  private final OptionalInt httpStatus;

  public RpcTransportException(Kind kind, String message, Throwable cause) {
    this(kind, OptionalInt.empty(), message, cause);
  }

  private RpcTransportException(
      Kind kind, OptionalInt httpStatus, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.httpStatus = httpStatus;
  }

  /** geth's form: {@code 401 Unauthorized: missing token}. */
  public static RpcTransportException httpStatus(int status, String reason, String body) {
    String text = status + " " + reason + (body.isBlank() ? "" : ": " + body.strip());
    return new RpcTransportException(Kind.HTTP_STATUS, OptionalInt.of(status), text, null);
  }

  public Kind kind() {
    return kind;
  }

  public OptionalInt httpStatus() {
    return httpStatus;
  }
}
