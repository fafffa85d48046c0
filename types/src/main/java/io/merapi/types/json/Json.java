package io.merapi.types.json;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The shared, thread-safe {@link ObjectMapper} configured with {@link MerapiJsonModule}. */
public final class Json {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().registerModule(new MerapiJsonModule());

  private Json() {}

  /** The configured mapper; do not reconfigure it (make a {@code copy()} for that). */
  public static ObjectMapper mapper() {
    return MAPPER;
  }
}
