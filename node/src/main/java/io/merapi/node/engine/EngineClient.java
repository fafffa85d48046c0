package io.merapi.node.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Hash;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RpcClient;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The Engine API over HTTP to an execution engine's authenticated port (op-node's {@code
 * EngineClient}; specs exec-engine.md, execution-apis {@code src/engine}). Every request carries a
 * fresh HS256 token with the current {@code iat}, signed with the shared secret. Method versions
 * follow the fork of the block's timestamp ({@link EngineMethods}).
 *
 * <p>Failures: no answer (connection refused, timeout, HTTP 401 for a wrong secret, HTTP 5xx, an
 * answer that is not JSON-RPC or not the structure the method returns) is {@link
 * EngineException.Temporary}; a JSON-RPC error is {@link EngineException.Rejected} with its code.
 * The client itself does not retry or log: the driver decides, with its backoff, and logs once.
 */
public final class EngineClient implements Engine {
  /** How long one Engine API call may take; a payload build is answered well within it. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final URI endpoint;
  private final RollupConfig rollup;
  private final Duration timeout;
  private final RpcClient rpc;

  public EngineClient(URI endpoint, JwtSecret secret, RollupConfig rollup) {
    this(endpoint, secret, rollup, DEFAULT_TIMEOUT);
  }

  public EngineClient(URI endpoint, JwtSecret secret, RollupConfig rollup, Duration timeout) {
    this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
    this.rollup = Objects.requireNonNull(rollup, "rollup");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.rpc =
        HttpRpcClient.create(
            endpoint, RpcClientOptions.defaults().withTimeout(timeout).withJwtSecret(secret));
  }

  /**
   * Reads the secret of op-node's {@code --l2.jwt-secret}: a file holding 32 bytes as hex, with or
   * without {@code 0x}. Unlike the engine, the node does not create a missing file: a secret of its
   * own could never match the engine's.
   *
   * @throws IllegalArgumentException naming the file, if it cannot be read or is not a secret
   */
  public static JwtSecret readJwtSecret(Path file) {
    try {
      return JwtSecret.load(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException("JWT secret file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read the JWT secret file " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public ForkchoiceUpdate forkchoiceUpdated(
      ForkchoiceState state, Optional<PayloadAttributes> attributes) {
    String method = EngineMethods.forkchoiceUpdated(rollup, attributes);
    ObjectNode stateJson = NODES.objectNode();
    stateJson.put("headBlockHash", state.headBlockHash().toHex());
    stateJson.put("safeBlockHash", state.safeBlockHash().toHex());
    stateJson.put("finalizedBlockHash", state.finalizedBlockHash().toHex());
    List<Object> params =
        attributes.isPresent() ? List.of(stateJson, attributes.get().toJson()) : List.of(stateJson);
    JsonNode result = call(method, params);
    return decode(
        method,
        result,
        () -> {
          if (!result.isObject()) {
            throw new IllegalArgumentException("the result is not an object");
          }
          PayloadStatus status = JsonReads.payloadStatus(result.get("payloadStatus"));
          JsonNode id = result.get("payloadId");
          Optional<PayloadId> payloadId =
              id == null || id.isNull() ? Optional.empty() : Optional.of(JsonReads.payloadId(id));
          return new ForkchoiceUpdate(status, payloadId);
        });
  }

  @Override
  public ExecutionPayloadEnvelope getPayload(PayloadId id, long timestamp) {
    String method = EngineMethods.getPayload(rollup, timestamp);
    JsonNode result = call(method, List.of(id.toHex()));
    ExecutionPayloadEnvelope envelope =
        decode(method, result, () -> ExecutionPayloadEnvelope.fromJson(result));
    if (EngineMethods.takesBeaconRoot(rollup, timestamp)
        && envelope.parentBeaconBlockRoot().isEmpty()) {
      // op-geth returns the root beside an OP payload; without it newPayloadV3 cannot be called.
      throw new EngineException.Temporary(
          method
              + " to "
              + endpoint
              + ": the answer has no parentBeaconBlockRoot, which an Ecotone payload needs",
          null);
    }
    return envelope;
  }

  @Override
  public PayloadStatus newPayload(ExecutionPayloadEnvelope envelope) {
    ExecutionPayload payload = envelope.payload();
    String method = EngineMethods.newPayload(rollup, payload.timestamp());
    List<Object> params;
    if (EngineMethods.takesBeaconRoot(rollup, payload.timestamp())) {
      Hash root =
          envelope
              .parentBeaconBlockRoot()
              .orElseThrow(
                  () ->
                      new EngineException.Rejected(
                          RpcError.INVALID_PARAMS,
                          method
                              + ": payload "
                              + payload.blockHash()
                              + " of an Ecotone block comes without its parent beacon block"
                              + " root"));
      // OP blocks carry no blob transactions: the expected versioned hashes are always [].
      params = List.of(payload.toJson(), NODES.arrayNode(), root.toHex());
    } else {
      params = List.of(payload.toJson());
    }
    JsonNode result = call(method, params);
    return decode(method, result, () -> JsonReads.payloadStatus(result));
  }

  private JsonNode call(String method, List<Object> params) {
    try {
      return RpcClient.await(rpc.requestList(method, params));
    } catch (RpcException e) {
      throw new EngineException.Rejected(
          e.code(), method + " to " + endpoint + ": " + TransportErrors.describe(e.error()));
    } catch (RpcTransportException e) {
      throw new EngineException.Temporary(
          TransportErrors.describe(endpoint, method, timeout, e), e);
    }
  }

  /** Reads a result, turning any malformation into one clear temporary error. */
  private <T> T decode(String method, JsonNode result, Supplier<T> read) {
    try {
      return read.get();
    } catch (IllegalArgumentException e) {
      throw new EngineException.Temporary(
          method + " to " + endpoint + ": malformed answer: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    rpc.close();
  }

  @Override
  public String toString() {
    return "EngineClient[" + endpoint + "]";
  }
}
