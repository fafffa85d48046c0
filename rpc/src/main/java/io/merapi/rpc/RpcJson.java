package io.merapi.rpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.base.uint.UInt256;
import java.io.IOException;
import java.util.function.Function;

/**
 * The one Jackson mapper of the JSON-RPC layer, knowing the base types in their JSON-RPC text
 * forms: hashes, addresses and byte strings as {@code 0x} hex (lower case, as geth writes them),
 * {@link UInt256} as a quantity. Decimals are read as {@code BigDecimal} so that ids and params
 * echo back exactly.
 */
public final class RpcJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(baseTypes())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  private RpcJson() {}

  public static ObjectMapper mapper() {
    return MAPPER;
  }

  private static SimpleModule baseTypes() {
    SimpleModule module = new SimpleModule("merapi-base-types");
    module.addSerializer(Hash.class, text(Hash::toHex));
    module.addSerializer(Address.class, text(Address::toHex));
    module.addSerializer(Bytes.class, text(Bytes::toHex));
    module.addSerializer(UInt256.class, text(UInt256::toQuantity));
    module.addDeserializer(Hash.class, parsed(Hash.class, Hash::fromHex));
    module.addDeserializer(Address.class, parsed(Address.class, t -> Address.wrap(fixed(t, 20))));
    module.addDeserializer(Bytes.class, parsed(Bytes.class, Bytes::fromHex));
    module.addDeserializer(UInt256.class, parsed(UInt256.class, UInt256::fromQuantity));
    return module;
  }

  private static byte[] fixed(String text, int length) {
    byte[] data = Hex.decode(text);
    if (data.length != length) {
      throw new IllegalArgumentException(
          "hex string has " + data.length + " bytes, want " + length + ": " + text);
    }
    return data;
  }

  private static <T> JsonSerializer<T> text(Function<T, String> toText) {
    return new JsonSerializer<>() {
      @Override
      public void serialize(T value, JsonGenerator gen, SerializerProvider serializers)
          throws IOException {
        gen.writeString(toText.apply(value));
      }
    };
  }

  private static <T> JsonDeserializer<T> parsed(Class<T> type, Function<String, T> fromText) {
    return new JsonDeserializer<>() {
      @Override
      public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
          return type.cast(ctxt.handleUnexpectedToken(type, p));
        }
        String text = p.getText();
        try {
          return fromText.apply(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
          return type.cast(ctxt.handleWeirdStringValue(type, text, e.getMessage()));
        }
      }
    };
  }
}
