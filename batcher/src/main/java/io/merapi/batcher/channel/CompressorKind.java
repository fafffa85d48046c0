package io.merapi.batcher.channel;

import java.util.Locale;

/** op-batcher's {@code --compressor}: what decides that a singular-batch channel is full. */
public enum CompressorKind {
  /** Full once the input times the approximate compression ratio reaches the target. */
  RATIO,
  /** Full just under the target, measured by a flushed shadow stream (the default). */
  SHADOW,
  /** No compression: full once the stored bytes pass the target (for tests). */
  NONE;

  /**
   * @throws IllegalArgumentException for a name other than ratio, shadow or none
   */
  public static CompressorKind parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "ratio" -> RATIO;
      case "shadow" -> SHADOW;
      case "none" -> NONE;
      default ->
          throw new IllegalArgumentException(
              "unknown compressor " + name + ": expected ratio, shadow or none");
    };
  }

  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
