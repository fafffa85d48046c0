package io.merapi.execution.trace;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.execution.api.ArgFields;
import io.merapi.execution.api.call.BlockOverrides;
import io.merapi.execution.api.call.StateOverrides;
import java.util.Optional;

/**
 * The trace config argument (geth {@code TraceConfig} / {@code TraceCallConfig}): which tracer
 * ({@code callTracer}, or none for the struct logger) with its {@code tracerConfig}, the struct
 * logger's switches, and for {@code debug_traceCall} state and block overrides.
 */
record TraceOptions(
    Optional<String> tracer,
    boolean onlyTopCall,
    StructLogger.Options structLog,
    StateOverrides stateOverrides,
    BlockOverrides blockOverrides) {

  static final TraceOptions DEFAULT =
      new TraceOptions(
          Optional.empty(),
          false,
          new StructLogger.Options(false, false, false, false, 0),
          StateOverrides.NONE,
          BlockOverrides.NONE);

  static TraceOptions parse(JsonNode node) {
    ArgFields f = ArgFields.of(node, "tracers.TraceCallConfig");
    Optional<String> tracer = f.node("tracer").map(JsonNode::asText);
    boolean onlyTopCall = false;
    Optional<JsonNode> tracerConfig = f.node("tracerConfig");
    if (tracerConfig.isPresent() && tracerConfig.get().isObject()) {
      onlyTopCall = tracerConfig.get().path("onlyTopCall").asBoolean(false);
    }
    StructLogger.Options options =
        new StructLogger.Options(
            bool(f, "disableStack"),
            bool(f, "disableStorage"),
            bool(f, "enableMemory"),
            bool(f, "enableReturnData"),
            f.node("limit").map(JsonNode::asInt).orElse(0));
    return new TraceOptions(
        tracer,
        onlyTopCall,
        options,
        f.node("stateOverrides").map(StateOverrides::parse).orElse(StateOverrides.NONE),
        f.node("blockOverrides").map(BlockOverrides::parse).orElse(BlockOverrides.NONE));
  }

  private static boolean bool(ArgFields f, String name) {
    return f.node(name).map(n -> n.asBoolean(false)).orElse(false);
  }
}
