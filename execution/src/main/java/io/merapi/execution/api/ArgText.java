package io.merapi.execution.api;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The words of argument errors, which clients read after {@code invalid argument N: }. The codes
 * and the meaning are geth's; the words are this project's: what was expected, in JSON-RPC's terms
 * (a hex quantity, a 32-byte hash), and what came instead — never the name of a Go type.
 */
public final class ArgText {
  private ArgText() {}

  /** {@code expected a string, got a number}. */
  public static String expected(String what, JsonNode got) {
    return "expected " + what + ", got " + kind(got);
  }

  /** {@code "gas" of the transaction: expected a string, got a number}. */
  public static String field(String name, String object, String problem) {
    return "\"" + name + "\" of the " + object + ": " + problem;
  }

  /** {@code hex string has length 38, want 40 (a 20-byte address)}. */
  public static String length(int gotDigits, int wantBytes, String what) {
    return "hex string has length " + gotDigits + ", want " + 2 * wantBytes + " (" + what + ")";
  }

  /** What a JSON value is, with its article: {@code a number}, {@code an array}. */
  public static String kind(JsonNode node) {
    return switch (node.getNodeType()) {
      case NUMBER -> "a number";
      case BOOLEAN -> "a boolean";
      case ARRAY -> "an array";
      case OBJECT, POJO -> "an object";
      case STRING -> "a string";
      case NULL, MISSING -> "null";
      default -> "a value";
    };
  }
}
