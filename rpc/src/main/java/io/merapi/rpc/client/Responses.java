package io.merapi.rpc.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import java.util.Optional;
import java.util.OptionalLong;

/** Reads response objects on the client side. */
final class Responses {
  private Responses() {}

  /** The numeric id of a response (our clients send numbers), if it has one. */
  static OptionalLong id(JsonNode response) {
    JsonNode id = response.get("id");
    return id != null && id.canConvertToExactIntegral() && id.canConvertToLong()
        ? OptionalLong.of(id.longValue())
        : OptionalLong.empty();
  }

  /** The result, or the server's error as an exception. */
  static JsonNode result(JsonNode response) {
    if (!response.isObject()) {
      throw badResponse("response is not a JSON object: " + abbreviate(response));
    }
    JsonNode error = response.get("error");
    if (error != null && !error.isNull()) {
      throw new RpcException(error(error));
    }
    JsonNode result = response.get("result");
    if (result == null) {
      throw badResponse("response has neither result nor error: " + abbreviate(response));
    }
    return result.isNull() ? NullNode.getInstance() : result;
  }

  static BatchResult batchResult(JsonNode response) {
    try {
      return new BatchResult.Success(result(response));
    } catch (RpcException e) {
      return new BatchResult.Failure(e.error());
    }
  }

  static RpcError error(JsonNode error) {
    if (!error.isObject() || !error.path("code").canConvertToInt()) {
      throw badResponse("malformed error object: " + abbreviate(error));
    }
    JsonNode data = error.get("data");
    return new RpcError(
        error.get("code").intValue(),
        error.path("message").asText(""),
        data == null || data.isNull() ? Optional.empty() : Optional.of(data));
  }

  static RpcTransportException badResponse(String message) {
    return new RpcTransportException(RpcTransportException.Kind.BAD_RESPONSE, message, null);
  }

  private static String abbreviate(JsonNode node) {
    String text = node.toString();
    return text.length() <= 200 ? text : text.substring(0, 197) + "...";
  }
}
