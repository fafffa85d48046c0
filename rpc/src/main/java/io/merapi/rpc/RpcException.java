package io.merapi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hex;
import java.util.Optional;

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

  /**
   * The revert reason ({@code Error(string)} or {@code Panic}) in the error's data, where the node
   * put the revert data (geth's code 3 answer to {@code eth_call} and {@code eth_estimateGas}).
   */
  public Optional<String> revertReason() {
    return error
        .data()
        .filter(JsonNode::isTextual)
        .map(JsonNode::asText)
        .flatMap(
            hex -> {
              try {
                return RevertReason.decode(Hex.decode(hex));
              } catch (IllegalArgumentException e) {
                return Optional.empty(); // data that is not hex carries no reason
              }
            });
  }

  /** "reverted: reason" where there is one, else the error's code and message. */
  public String describe() {
    return revertReason().map(r -> "reverted: " + r).orElse(getMessage());
  }
}
