package io.merapi.batcher.channel;

import java.util.Locale;

/** How a channel carries its blocks (op-batcher {@code --batch-type}): one batch each, or spans. */
public enum BatchType {
  SINGULAR,
  SPAN;

  /**
   * Parses {@code singular}/{@code span} or op-batcher's numbers {@code 0}/{@code 1}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static BatchType parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "singular", "0" -> SINGULAR;
      case "span", "1" -> SPAN;
      default ->
          throw new IllegalArgumentException(
              "unknown batch type " + name + ": expected singular (0) or span (1)");
    };
  }
}
