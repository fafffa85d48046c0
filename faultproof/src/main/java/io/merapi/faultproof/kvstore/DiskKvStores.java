package io.merapi.faultproof.kvstore;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a data directory as op-program does: the {@code kvformat} file in it names the layout of
 * the pre-images already there, and wins over {@code --data.format}, so a directory written by
 * either program is read the way it was written; a new directory gets the requested format
 * recorded.
 */
public final class DiskKvStores {
  private static final Logger LOG = LoggerFactory.getLogger(DiskKvStores.class);
  public static final String FORMAT_FILE = "kvformat";

  private DiskKvStores() {}

  public static KvStore open(Path dir, DataFormat requested) throws IOException {
    Files.createDirectories(dir);
    Path formatFile = dir.resolve(FORMAT_FILE);
    DataFormat format;
    try {
      String recorded = Files.readString(formatFile, StandardCharsets.UTF_8);
      try {
        format = DataFormat.parse(recorded);
      } catch (IllegalArgumentException e) {
        throw new IOException(formatFile + ": " + e.getMessage(), e);
      }
      LOG.info("Using existing pre-image store {} (format {})", dir, format.id());
    } catch (NoSuchFileException e) {
      format = requested;
      checkSupported(format, dir);
      Files.writeString(formatFile, format.id(), StandardCharsets.UTF_8);
      LOG.info("Creating pre-image store {} (format {})", dir, format.id());
    }
    checkSupported(format, dir);
    return new HexFileKvStore(dir, format);
  }

  private static void checkSupported(DataFormat format, Path dir) throws IOException {
    if (format == DataFormat.PEBBLE) {
      throw new IOException(
          dir
              + " holds op-program's pebble format, which merapi does not read;"
              + " use --data.format file or directory");
    }
  }
}
