package io.merapi.batcher;

import java.util.Locale;

/** op-batcher's {@code --data-availability-type}: where frames go on L1. */
public enum DataAvailability {
  CALLDATA,
  BLOBS,
  /** Per channel, whichever of calldata and blobs is cheaper at the current L1 fees. */
  AUTO;

  /**
   * @throws IllegalArgumentException for a name other than calldata, blobs or auto
   */
  public static DataAvailability parse(String name) {
    return switch (name.toLowerCase(Locale.ROOT)) {
      case "calldata" -> CALLDATA;
      case "blobs" -> BLOBS;
      case "auto" -> AUTO;
      default ->
          throw new IllegalArgumentException(
              "unknown data availability type " + name + ": expected calldata, blobs or auto");
    };
  }

  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
