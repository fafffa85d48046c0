package io.merapi.execution.engine;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import java.util.Optional;

/**
 * The Engine API's error codes (execution-apis {@code common.md}, "Errors") with geth's messages;
 * the detail goes into {@code data.err} as geth's {@code EngineAPIError} puts it.
 */
public final class EngineErrors {
  public static final int UNKNOWN_PAYLOAD = -38001;
  public static final int INVALID_FORKCHOICE_STATE = -38002;
  public static final int INVALID_PAYLOAD_ATTRIBUTES = -38003;
  public static final int TOO_LARGE_REQUEST = -38004;
  public static final int UNSUPPORTED_FORK = -38005;

  private EngineErrors() {}

  public static RpcException unknownPayload() {
    return new RpcError(UNKNOWN_PAYLOAD, "Unknown payload").exception();
  }

  public static RpcException invalidForkchoiceState(String err) {
    return withData(INVALID_FORKCHOICE_STATE, "Invalid forkchoice state", err);
  }

  public static RpcException invalidPayloadAttributes(String err) {
    return withData(INVALID_PAYLOAD_ATTRIBUTES, "Invalid payload attributes", err);
  }

  public static RpcException unsupportedFork(String err) {
    return withData(UNSUPPORTED_FORK, "Unsupported fork", err);
  }

  /** -32602 raised by the Engine API's own checks (geth: "Invalid parameters"). */
  public static RpcException invalidParams(String err) {
    return withData(RpcError.INVALID_PARAMS, "Invalid parameters", err);
  }

  private static RpcException withData(int code, String message, String err) {
    ObjectNode data = JsonNodeFactory.instance.objectNode().put("err", err);
    return new RpcError(code, message, Optional.of(data)).exception();
  }
}
