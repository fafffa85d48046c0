package io.merapi.types.json;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * Any text read as a block, transaction or receipt either parses or fails with Jackson's {@link
 * JsonProcessingException} (our bindings report bad fields as {@code JsonMappingException}).
 */
class JsonFuzzTest {

  @FuzzTest(maxDuration = "30s")
  void parsingIsTotal(@NotNull String json) {
    for (Class<?> type : new Class<?>[] {RpcBlock.class, RpcTransaction.class, RpcReceipt.class}) {
      try {
        Object value = Json.mapper().readValue(json, type);
        if (value != null) {
          Json.mapper().writeValueAsString(value);
        }
      } catch (JsonProcessingException refused) {
        // the documented outcome for malformed input
      }
    }
  }
}
