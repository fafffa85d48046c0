package io.merapi.cannon.oracle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The four named pipes that carry fds 3–6 between the VM and its host, in a private temporary
 * directory. The JDK cannot hand extra file descriptors to a child process nor create a FIFO, so
 * they are made with {@code mkfifo} and the host's shell opens them onto fds 3–6.
 */
final class Fifos implements AutoCloseable {
  /** Host fd 3: the host reads hints here. */
  final Path hintRequests;

  /** Host fd 4: the host writes one acknowledgement byte per hint. */
  final Path hintAcks;

  /** Host fd 5: the host reads 32-byte pre-image keys. */
  final Path preimageRequests;

  /** Host fd 6: the host writes length-prefixed pre-images. */
  final Path preimageResponses;

  private final Path dir;

  private Fifos(Path dir) {
    this.dir = dir;
    this.hintRequests = dir.resolve("hint-requests");
    this.hintAcks = dir.resolve("hint-acks");
    this.preimageRequests = dir.resolve("preimage-requests");
    this.preimageResponses = dir.resolve("preimage-responses");
  }

  static Fifos create() throws IOException {
    Path dir =
        Files.createTempDirectory(
            "merapi-cannon-host-",
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    Fifos fifos = new Fifos(dir);
    List<String> cmd = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    for (Path p : fifos.all()) {
      cmd.add(p.toString());
    }
    Process mkfifo = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try {
      if (!mkfifo.waitFor(10, TimeUnit.SECONDS)) {
        mkfifo.destroyForcibly();
        throw new IOException("mkfifo did not finish in 10 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while creating the host's pipes", e);
    }
    if (mkfifo.exitValue() != 0) {
      String out = new String(mkfifo.getInputStream().readAllBytes()).trim();
      fifos.close();
      throw new IOException("mkfifo failed (" + mkfifo.exitValue() + "): " + out);
    }
    return fifos;
  }

  List<Path> all() {
    return List.of(hintRequests, hintAcks, preimageRequests, preimageResponses);
  }

  @Override
  public void close() {
    try {
      for (Path p : all()) {
        Files.deleteIfExists(p);
      }
      Files.deleteIfExists(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the host's pipes in " + dir, e);
    }
  }
}
