package io.merapi.rpc.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** Writes response objects in geth's field order: {@code jsonrpc}, {@code id}, then the answer. */
public final class ResponseEncoder {
  private ResponseEncoder() {}

  /**
   * A success response. Fails with an exception when Jackson cannot write {@code result}; the
   * caller answers with an internal error instead.
   */
  public static byte[] result(String id, Object result) throws IOException {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator g = RpcJson.mapper().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("jsonrpc", RequestParser.VERSION);
      g.writeFieldName("id");
      g.writeRawValue(id);
      g.writeFieldName("result");
      writeValue(g, result);
      g.writeEndObject();
    }
    return out.toByteArray();
  }

  /**
   * Most trivial methods answer a hex string: write it without setting up Jackson's serializer
   * provider for each response (JFR showed it among the largest allocations per small call).
   */
  private static void writeValue(JsonGenerator g, Object result) throws IOException {
    if (result instanceof String text) {
      g.writeString(text);
    } else if (result instanceof Boolean flag) {
      g.writeBoolean(flag);
    } else {
      RpcJson.mapper().writeValue(g, result);
    }
  }

  public static byte[] error(String id, RpcError error) {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator g = RpcJson.mapper().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("jsonrpc", RequestParser.VERSION);
      g.writeFieldName("id");
      g.writeRawValue(id);
      g.writeObjectFieldStart("error");
      g.writeNumberField("code", error.code());
      g.writeStringField("message", error.message());
      if (error.data().isPresent()) {
        g.writeFieldName("data");
        g.writeTree(error.data().get());
      }
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory failed", e);
    }
    return out.toByteArray();
  }

  /** The responses of a batch as one JSON array, in the order given. */
  public static byte[] batch(List<byte[]> responses) {
    int length = 2 + Math.max(0, responses.size() - 1);
    for (byte[] response : responses) {
      length += response.length;
    }
    byte[] out = new byte[length];
    out[0] = '[';
    int at = 1;
    for (int i = 0; i < responses.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] response = responses.get(i);
      System.arraycopy(response, 0, out, at, response.length);
      at += response.length;
    }
    out[at] = ']';
    return out;
  }
}
