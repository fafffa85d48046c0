package io.merapi.rpc.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.merapi.rpc.RpcJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes requests as a client sends them: {@code
 * {"jsonrpc":"2.0","id":N,"method":M,"params":[...]}}.
 */
public final class RequestEncoder {
  private RequestEncoder() {}

  /**
   * @throws IllegalArgumentException when a param cannot be written as JSON
   */
  public static byte[] call(long id, String method, List<?> params) {
    ByteArrayBuilder out = new ByteArrayBuilder(128);
    try (JsonGenerator g = RpcJson.mapper().createGenerator(out)) {
      writeCall(g, id, method, params);
    } catch (IOException e) {
      throw new IllegalArgumentException("params of " + method + " cannot be written: " + e, e);
    }
    return out.toByteArray();
  }

  public record Call(long id, String method, List<?> params) {}

  public static byte[] batch(List<Call> calls) {
    ByteArrayBuilder out = new ByteArrayBuilder(256);
    try (JsonGenerator g = RpcJson.mapper().createGenerator(out)) {
      g.writeStartArray();
      for (Call call : calls) {
        writeCall(g, call.id(), call.method(), call.params());
      }
      g.writeEndArray();
    } catch (IOException e) {
      throw new IllegalArgumentException("batch params cannot be written: " + e, e);
    } catch (UncheckedIOException e) {
      throw new IllegalArgumentException("batch params cannot be written: " + e, e);
    }
    return out.toByteArray();
  }

  private static void writeCall(JsonGenerator g, long id, String method, List<?> params)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("jsonrpc", RequestParser.VERSION);
    g.writeNumberField("id", id);
    g.writeStringField("method", method);
    g.writeFieldName("params");
    g.writeStartArray();
    for (Object param : params) {
      RpcJson.mapper().writeValue(g, param);
    }
    g.writeEndArray();
    g.writeEndObject();
  }
}
