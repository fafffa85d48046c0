package io.merapi.execution.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import io.merapi.types.json.Json;
import java.io.IOException;
import java.util.Objects;

/**
 * A result written with the chain types' JSON bindings ({@link io.merapi.types.json}: blocks,
 * transactions, receipts, logs in geth's shapes) inside the RPC layer's own mapper, which knows
 * only the base types. Wrap any value, list or map that holds chain types.
 */
public record ChainJson(Object value) implements JsonSerializable {
  public ChainJson {
    Objects.requireNonNull(value, "value");
  }

  @Override
  public void serialize(JsonGenerator out, SerializerProvider provider) throws IOException {
    Json.mapper().writeValue(out, value);
  }

  @Override
  public void serializeWithType(
      JsonGenerator out, SerializerProvider provider, TypeSerializer typeSerializer)
      throws IOException {
    serialize(out, provider);
  }
}
