package io.merapi.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.merapi.base.bytes.Hex;
import java.util.Objects;
import java.util.Optional;

/**
 * A JSON-RPC 2.0 error object. Codes and messages follow go-ethereum's {@code rpc} package and
 * {@code internal/ethapi}, because clients (ethers, viem, web3j, op-node) match on them.
 */
public record RpcError(int code, String message, Optional<JsonNode> data) {
  public static final int PARSE_ERROR = -32700;
  public static final int INVALID_REQUEST = -32600;
  public static final int METHOD_NOT_FOUND = -32601;
  public static final int INVALID_PARAMS = -32602;
  public static final int INTERNAL_ERROR = -32603;

  /** The generic server error of geth: any application error without a more specific code. */
  public static final int SERVER_ERROR = -32000;

  public static final int TIMEOUT = -32002;
  public static final int RESPONSE_TOO_LARGE = -32003;

  /**
   * Execution reverted with revert data (EIP-1474 proposal, geth {@code revertError}): the data is
   * the hex of the revert bytes.
   */
  public static final int EXECUTION_REVERTED = 3;

  public RpcError {
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(data, "data");
  }

  public RpcError(int code, String message) {
    this(code, message, Optional.empty());
  }

  public static RpcError parseError() {
    return new RpcError(PARSE_ERROR, "parse error");
  }

  public static RpcError invalidRequest(String message) {
    return new RpcError(INVALID_REQUEST, message);
  }

  public static RpcError methodNotFound(String method) {
    return new RpcError(
        METHOD_NOT_FOUND, "the method " + method + " does not exist/is not available");
  }

  public static RpcError invalidParams(String message) {
    return new RpcError(INVALID_PARAMS, message);
  }

  public static RpcError internal(String message) {
    return new RpcError(INTERNAL_ERROR, message);
  }

  public static RpcError server(String message) {
    return new RpcError(SERVER_ERROR, message);
  }

  /** geth's answer to a batch with more items than the configured limit. */
  public static RpcError batchTooLarge() {
    return invalidRequest("batch too large");
  }

  public static RpcError responseTooLarge() {
    return new RpcError(RESPONSE_TOO_LARGE, "response too large");
  }

  public static RpcError timeout() {
    return new RpcError(TIMEOUT, "request timed out");
  }

  /** {@code *_subscribe} over a transport without notifications (HTTP). */
  public static RpcError notificationsUnsupported() {
    return new RpcError(METHOD_NOT_FOUND, "notifications not supported");
  }

  public static RpcError subscriptionNotFound(String namespace, String kind) {
    return new RpcError(
        METHOD_NOT_FOUND, "no \"" + kind + "\" subscription in " + namespace + " namespace");
  }

  /** {@code *_unsubscribe} of an id this connection does not hold (geth: a plain error). */
  public static RpcError unknownSubscriptionId() {
    return server("subscription not found");
  }

  /**
   * The error of a call or gas estimate that reverted, as geth gives it: code 3, message {@code
   * execution reverted} followed by the decoded Solidity reason when there is one, and the revert
   * bytes as hex in {@code data} — also for a revert without data ({@code "0x"}). Clients tell "the
   * contract reverted" from other failures by the code alone: viem maps only code 3 (and -32603) to
   * a revert, e.g. to learn that a dispute game has no {@code expectedResolution()}; geth answered
   * an empty revert with -32000 before it made every revert code 3.
   */
  public static RpcError executionReverted(byte[] revertData) {
    String message =
        RevertReason.decode(revertData)
            .map(reason -> RevertReason.EXECUTION_REVERTED + ": " + reason)
            .orElse(RevertReason.EXECUTION_REVERTED);
    return new RpcError(
        EXECUTION_REVERTED, message, Optional.of(TextNode.valueOf(Hex.encode(revertData))));
  }

  /** This error as an exception a handler can throw. */
  public RpcException exception() {
    return new RpcException(this);
  }
}
