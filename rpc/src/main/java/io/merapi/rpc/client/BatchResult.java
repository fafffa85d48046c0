package io.merapi.rpc.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.rpc.RpcError;

/** The answer to one call of a batch: its result, or the error the server gave for it. */
public sealed interface BatchResult {
  record Success(JsonNode result) implements BatchResult {}

  record Failure(RpcError error) implements BatchResult {}
}
