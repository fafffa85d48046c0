package io.merapi.faultproof.preimage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The channels on the file descriptors a parent process left open: hints on 3 (read) and 4 (write),
 * pre-images on 5 (read) and 6 (write), numbered as op-program's client sees them. A host started
 * with {@code --server} gets its own ends under the same numbers (Cannon starts it that way).
 *
 * <p>The JDK has no way to wrap a raw descriptor number in a channel. On Linux {@code
 * /proc/self/fd/N} (which {@code /dev/fd/N} links to) names the object behind descriptor N, and
 * opening it opens that same pipe or FIFO again: the new descriptor reads or writes the same
 * stream, which is all the protocol needs. This does not work for sockets (opening their {@code
 * /proc} entry fails with ENXIO), nor on systems without {@code /proc} or {@code /dev/fd}; both are
 * reported as an error naming the descriptor. The inherited descriptor itself stays open until the
 * process ends, which is harmless: each stream's other end belongs to the other process, so closing
 * ours is not what the other side waits for.
 */
public final class InheritedChannels {
  public static final int HINT_READ_FD = 3;
  public static final int HINT_WRITE_FD = 4;
  public static final int PREIMAGE_READ_FD = 5;
  public static final int PREIMAGE_WRITE_FD = 6;

  private InheritedChannels() {}

  /** The hint channel on descriptors 3 and 4. */
  public static PreimageChannel hints() throws IOException {
    return open(HINT_READ_FD, HINT_WRITE_FD);
  }

  /** The pre-image channel on descriptors 5 and 6. */
  public static PreimageChannel preimages() throws IOException {
    return open(PREIMAGE_READ_FD, PREIMAGE_WRITE_FD);
  }

  /** A channel reading descriptor {@code readFd} and writing {@code writeFd} of this process. */
  public static PreimageChannel open(int readFd, int writeFd) throws IOException {
    FileChannel reader = FileChannel.open(descriptor(readFd), StandardOpenOption.READ);
    try {
      FileChannel writer = FileChannel.open(descriptor(writeFd), StandardOpenOption.WRITE);
      return new PreimageChannel(reader, writer);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static Path descriptor(int fd) throws IOException {
    for (String dir : new String[] {"/proc/self/fd/", "/dev/fd/"}) {
      Path path = Path.of(dir + fd);
      if (Files.exists(path)) {
        return path;
      }
    }
    throw new IOException(
        "file descriptor "
            + fd
            + " is not open in this process (or neither /proc/self/fd nor /dev/fd exists):"
            + " the parent must pass the oracle's pipes on descriptors 3 to 6");
  }
}
