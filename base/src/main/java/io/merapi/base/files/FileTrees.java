package io.merapi.base.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Whole directory trees on disk, which the JDK only handles one file at a time. */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code root} and everything below it; nothing happens if it does not exist. */
  public static void delete(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> all = Files.walk(root)) {
      // Deepest first, so that each directory is empty when its turn comes.
      for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
