package io.merapi.faultproof.kvstore;

import java.util.Locale;

/** {@code --data.format}: how pre-images are laid out in {@code --datadir}, op-program's names. */
public enum DataFormat {
  FILE,
  DIRECTORY,
  /** op-program's Pebble database: recognised so it is refused clearly, not misread. */
  PEBBLE;

  /** The name op-program writes to the {@code kvformat} file and takes on the command line. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static DataFormat parse(String id) {
    for (DataFormat format : values()) {
      if (format.id().equals(id)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown data format '" + id + "' (expected file, directory or pebble)");
  }
}
