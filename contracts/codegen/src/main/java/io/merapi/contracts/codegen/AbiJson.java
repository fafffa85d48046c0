package io.merapi.contracts.codegen;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.abi.AbiError;
import io.merapi.base.abi.AbiEvent;
import io.merapi.base.abi.AbiException;
import io.merapi.base.abi.AbiFunction;
import io.merapi.base.abi.AbiType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A contract's JSON ABI (Solidity docs "JSON"), as solc, forge, viem and the OP packages write it:
 * functions, events, errors and the constructor, with parameter names, Solidity internal types and
 * tuple components kept for naming generated code.
 */
public record AbiJson(
    List<Function> functions,
    List<Event> events,
    List<Error> errors,
    Optional<Constructor> constructor) {

  /** A parameter; {@code components} for tuples, {@code indexed} for event parameters. */
  public record Param(
      String name, String type, String internalType, List<Param> components, boolean indexed) {

    /** The ABI type, tuples resolved from their components. */
    public AbiType abiType() {
      if (type.startsWith("tuple")) {
        AbiType tuple = new AbiType.Tuple(components.stream().map(Param::abiType).toList());
        return AbiType.parse(tuple.canonical() + type.substring("tuple".length()));
      }
      return AbiType.parse(type);
    }

    /** The element parameter of an array parameter ({@code T[]} or {@code T[k]} to {@code T}). */
    public Param element() {
      int open = type.lastIndexOf('[');
      int openInternal = internalType.lastIndexOf('[');
      return new Param(
          name,
          type.substring(0, open),
          openInternal < 0 ? internalType : internalType.substring(0, openInternal),
          components,
          false);
    }

    public boolean isArray() {
      return type.endsWith("]");
    }
  }

  /** A function with its state mutability ({@code pure}, {@code view}, {@code nonpayable}, ...). */
  public record Function(
      String name, List<Param> inputs, List<Param> outputs, String stateMutability) {
    public AbiFunction abi() {
      return new AbiFunction(name, tuple(inputs), tuple(outputs));
    }
  }

  public record Event(String name, List<Param> inputs, boolean anonymous) {
    public AbiEvent abi() {
      return new AbiEvent(
          name,
          inputs.stream().map(p -> new AbiEvent.Param(p.name(), p.abiType(), p.indexed())).toList(),
          anonymous);
    }
  }

  public record Error(String name, List<Param> inputs) {
    public AbiError abi() {
      return new AbiError(name, tuple(inputs));
    }
  }

  public record Constructor(List<Param> inputs, String stateMutability) {}

  /** Reads the ABI array (the {@code abi} member of an artifact). */
  public static AbiJson parse(JsonNode abi) {
    if (!abi.isArray()) {
      throw new AbiException("an ABI is a JSON array");
    }
    List<Function> functions = new ArrayList<>();
    List<Event> events = new ArrayList<>();
    List<Error> errors = new ArrayList<>();
    Optional<Constructor> constructor = Optional.empty();
    for (JsonNode entry : abi) {
      String kind = entry.path("type").asText("function");
      switch (kind) {
        case "function" ->
            functions.add(
                new Function(
                    entry.path("name").asText(),
                    params(entry.path("inputs")),
                    params(entry.path("outputs")),
                    entry.path("stateMutability").asText("nonpayable")));
        case "event" ->
            events.add(
                new Event(
                    entry.path("name").asText(),
                    params(entry.path("inputs")),
                    entry.path("anonymous").asBoolean(false)));
        case "error" ->
            errors.add(new Error(entry.path("name").asText(), params(entry.path("inputs"))));
        case "constructor" ->
            constructor =
                Optional.of(
                    new Constructor(
                        params(entry.path("inputs")),
                        entry.path("stateMutability").asText("nonpayable")));
        case "fallback", "receive" -> {}
        default -> throw new AbiException("unknown ABI entry type " + kind);
      }
    }
    return new AbiJson(functions, events, errors, constructor);
  }

  private static List<Param> params(JsonNode list) {
    List<Param> params = new ArrayList<>();
    for (JsonNode p : list) {
      params.add(
          new Param(
              p.path("name").asText(""),
              p.path("type").asText(),
              p.path("internalType").asText(p.path("type").asText()),
              params(p.path("components")),
              p.path("indexed").asBoolean(false)));
    }
    return params;
  }

  static AbiType.Tuple tuple(List<Param> params) {
    return new AbiType.Tuple(params.stream().map(Param::abiType).toList());
  }
}
