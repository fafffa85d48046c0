package io.merapi.faultproof.kvstore;

import io.merapi.base.bytes.Hex;
import io.merapi.faultproof.preimage.PreimageKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * op-program's two plain on-disk layouts, one text file per pre-image holding the value as
 * lowercase hex without {@code 0x}: {@link DataFormat#FILE} puts {@code 0x<64 hex digits>.txt} in
 * the data directory, {@link DataFormat#DIRECTORY} splits the key's first four hex digits off as a
 * subdirectory ({@code <4 digits>/<60 digits>.txt}) to keep directories small. A value is written
 * to a temporary file in the data directory and renamed into place, so a reader (another host, or
 * op-program's tools) never sees half a file and a crash leaves at most a stray temporary file.
 */
public final class HexFileKvStore implements KvStore {
  private final Path dir;
  private final DataFormat format;

  HexFileKvStore(Path dir, DataFormat format) {
    if (format != DataFormat.FILE && format != DataFormat.DIRECTORY) {
      throw new IllegalArgumentException("not a hex-file layout: " + format);
    }
    this.dir = dir;
    this.format = format;
  }

  /** Where the value of {@code key} lives. */
  public Path pathOf(PreimageKey key) {
    String hex = key.toHex();
    return switch (format) {
      case FILE -> dir.resolve(hex + ".txt");
      case DIRECTORY -> dir.resolve(hex.substring(2, 6)).resolve(hex.substring(6) + ".txt");
      case PEBBLE -> throw new IllegalStateException("unreachable");
    };
  }

  @Override
  public void put(PreimageKey key, byte[] value) throws IOException {
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, key.toHex() + ".txt.", "");
    try {
      Files.writeString(temp, Hex.encodePlain(value), StandardCharsets.US_ASCII);
      Path target = pathOf(key);
      Files.createDirectories(target.getParent());
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  @Override
  public Optional<byte[]> get(PreimageKey key) throws IOException {
    String text;
    try {
      text = Files.readString(pathOf(key), StandardCharsets.US_ASCII);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(Hex.decode(text.strip()));
    } catch (IllegalArgumentException e) {
      throw new IOException("pre-image file " + pathOf(key) + " is not hex: " + e.getMessage(), e);
    }
  }
}
