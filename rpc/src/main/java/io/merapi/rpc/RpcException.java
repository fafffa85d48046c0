package io.merapi.rpc;

/**
 * A JSON-RPC error as an exception: thrown by method handlers to answer with that error, and by
 * clients when the server answered with an error object.
 */
public final class RpcException extends RuntimeException {
  private final RpcError error;

  public RpcException(RpcError error) {
    super(error.code() + ": " + error.message(), null, false, false);
    this.error = error;
  }

  public RpcError error() {
    return error;
  }

  public int code() {
    return error.code();
  }
}
