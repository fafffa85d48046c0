package io.merapi.faultproof.preimage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

/**
 * Starts a program as a child process with the oracle's channels on its descriptors 3 to 6 (op-
 * program's {@code --exec}). The JDK's {@code ProcessBuilder} can only redirect 0 to 2, so four
 * FIFOs in a private temporary directory stand in for op-program's pipes: the child is started as
 * {@code sh -c 'exec "$@" 3<h2c 4>c2h 5<p2c 6>c2p' sh COMMAND...}, and the host opens its ends in
 * the shell's order (each FIFO open waits for the other side, so matching the order is what keeps
 * both from waiting forever). If the child dies before its redirections are done, the host opens
 * the remaining FIFOs itself to end its own wait, and reports the child's exit. The FIFOs are
 * deleted once both sides hold them open.
 */
public final class ChildChannels {
  private static final String SHELL = "exec \"$@\" 3<\"$H2C\" 4>\"$C2H\" 5<\"$P2C\" 6>\"$C2P\"";

  /** The started child and the host's ends of its two channels. */
  public record Launched(Process process, PreimageChannel hints, PreimageChannel preimages) {}

  private ChildChannels() {}

  /**
   * Starts {@code command} with the channels on descriptors 3-6; {@code configure} may set up the
   * rest of the process (its output, environment, directory).
   */
  public static Launched start(List<String> command, Consumer<ProcessBuilder> configure)
      throws IOException {
    Path dir = Files.createTempDirectory("merapi-program-");
    Path h2c = dir.resolve("h2c");
    Path c2h = dir.resolve("c2h");
    Path p2c = dir.resolve("p2c");
    Path c2p = dir.resolve("c2p");
    try {
      mkfifo(List.of(h2c, c2h, p2c, c2p));
      List<String> argv = new ArrayList<>(List.of("sh", "-c", SHELL, "sh"));
      argv.addAll(command);
      ProcessBuilder builder = new ProcessBuilder(argv);
      configure.accept(builder);
      builder.environment().put("H2C", h2c.toString());
      builder.environment().put("C2H", c2h.toString());
      builder.environment().put("P2C", p2c.toString());
      builder.environment().put("C2P", c2p.toString());
      Process process = builder.start();
      CompletableFuture<FileChannel[]> opened =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return new FileChannel[] {
                    FileChannel.open(h2c, StandardOpenOption.WRITE),
                    FileChannel.open(c2h, StandardOpenOption.READ),
                    FileChannel.open(p2c, StandardOpenOption.WRITE),
                    FileChannel.open(c2p, StandardOpenOption.READ)
                  };
                } catch (IOException e) {
                  throw new java.io.UncheckedIOException(e);
                }
              },
              command1 -> Thread.ofPlatform().name("program-fifos").daemon().start(command1));
      CompletableFuture.anyOf(opened, process.onExit()).join();
      if (!opened.isDone()) {
        // The child is gone: satisfy our pending open (read-write opens of a FIFO never wait).
        List<FileChannel> unblock = new ArrayList<>();
        for (Path fifo : List.of(h2c, c2h, p2c, c2p)) {
          unblock.add(FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE));
        }
        try {
          closeAll(opened.get());
        } catch (InterruptedException | ExecutionException ignored) {
          // the open failed; nothing to close
        }
        closeAll(unblock.toArray(FileChannel[]::new));
        throw new IOException(
            "program "
                + command.getFirst()
                + " exited with code "
                + process.exitValue()
                + " before opening the oracle's descriptors");
      }
      FileChannel[] ends = opened.join();
      return new Launched(
          process, new PreimageChannel(ends[1], ends[0]), new PreimageChannel(ends[3], ends[2]));
    } finally {
      for (Path fifo : List.of(h2c, c2h, p2c, c2p)) {
        Files.deleteIfExists(fifo);
      }
      Files.deleteIfExists(dir);
    }
  }

  private static void mkfifo(List<Path> paths) throws IOException {
    List<String> argv = new ArrayList<>(List.of("mkfifo", "-m", "600"));
    paths.forEach(p -> argv.add(p.toString()));
    Process mkfifo = new ProcessBuilder(argv).redirectErrorStream(true).start();
    try {
      String output = new String(mkfifo.getInputStream().readAllBytes());
      if (mkfifo.waitFor() != 0) {
        throw new IOException("mkfifo failed: " + output.strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while making the oracle's FIFOs", e);
    }
  }

  private static void closeAll(FileChannel[] channels) throws IOException {
    for (FileChannel channel : channels) {
      if (channel != null) {
        channel.close();
      }
    }
  }
}
