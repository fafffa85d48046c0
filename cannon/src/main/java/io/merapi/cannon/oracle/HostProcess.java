package io.merapi.cannon.oracle;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * A pre-image host (op-program's host, {@code merapi program --server}, or any process speaking
 * op-program's protocol) started as cannon starts it: the host finds the hint channel on fds 3
 * (read) and 4 (write) and the pre-image channel on fds 5 (read) and 6 (write).
 *
 * <p>The JDK cannot pass extra fds to a child, so the channels are named pipes ({@link Fifos})
 * opened onto fds 3–6 by the host's shell: {@code sh -c 'exec 3<… 4>… 5<… 6>…; exec "$@" >&2'}. The
 * host's stdout goes to stderr, as the VM's stdout carries the guest's output. Every exchange is
 * bounded by a {@link Watchdog}: a host that exits, closes its pipes or stays silent is an error,
 * never a hang.
 */
public final class HostProcess implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(HostProcess.class.getName());

  /** Opens the fifos onto fds 3–6, then replaces the shell by the host command. */
  private static final String SHELL =
      "exec 3<\"$1\" 4>\"$2\" 5<\"$3\" 6>\"$4\" || exit 126; shift 4; exec \"$@\" >&2";

  private final Process process;
  private final Fifos fifos;
  private final List<FileChannel> channels;
  private final Watchdog watchdog;
  private final PreimageOracle oracle;
  private final Thread shutdownHook;

  private HostProcess(Process process, Fifos fifos, List<FileChannel> channels, Duration timeout) {
    this.process = process;
    this.fifos = fifos;
    this.channels = channels;
    this.watchdog = new Watchdog(process, channels, timeout);
    StreamPreimageOracle streams =
        new StreamPreimageOracle(
            Channels.newOutputStream(channels.get(0)),
            Channels.newInputStream(channels.get(1)),
            Channels.newOutputStream(channels.get(2)),
            Channels.newInputStream(channels.get(3)));
    this.oracle = new GuardedOracle(streams, watchdog, process);
    this.shutdownHook = new Thread(process::destroy, "cannon-host-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts {@code command} with the channels on fds 3–6; {@code timeout} bounds the start and every
   * hint or pre-image exchange.
   */
  public static HostProcess start(List<String> command, Duration timeout) throws IOException {
    if (command.isEmpty()) {
      throw new IllegalArgumentException("no host command");
    }
    Fifos fifos = Fifos.create();
    List<String> argv = new ArrayList<>(List.of("sh", "-c", SHELL, "sh"));
    for (Path p : fifos.all()) {
      argv.add(p.toString());
    }
    argv.addAll(command);
    Process process;
    try {
      process =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
    } catch (IOException e) {
      fifos.close();
      throw e;
    }
    List<FileChannel> channels;
    try {
      channels = open(fifos, process, timeout);
    } catch (IOException e) {
      process.destroyForcibly();
      fifos.close();
      throw e;
    }
    LOG.info(() -> "pre-image host " + command.get(0) + " started (pid " + process.pid() + ")");
    return new HostProcess(process, fifos, channels, timeout);
  }

  /**
   * Opens our ends in the order the shell opens its fds (each open of a FIFO waits for the other
   * end). When the host dies or stalls first, each FIFO is opened read-write once, which never
   * blocks on Linux and releases the pending open, so this returns instead of hanging.
   */
  private static List<FileChannel> open(Fifos fifos, Process process, Duration timeout)
      throws IOException {
    CompletableFuture<List<FileChannel>> opened =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return List.of(
                    FileChannel.open(fifos.hintRequests, StandardOpenOption.WRITE),
                    FileChannel.open(fifos.hintAcks, StandardOpenOption.READ),
                    FileChannel.open(fifos.preimageRequests, StandardOpenOption.WRITE),
                    FileChannel.open(fifos.preimageResponses, StandardOpenOption.READ));
              } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
              }
            },
            Thread::startVirtualThread);
    long deadline = System.nanoTime() + timeout.toNanos();
    String failure = null;
    while (failure == null) {
      try {
        return opened.get(50, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (!process.isAlive()) {
          failure = "the host exited (code " + process.exitValue() + ") before opening fds 3–6";
        } else if (System.nanoTime() > deadline) {
          failure = "the host did not open fds 3–6 within " + timeout.toSeconds() + " s";
        }
      } catch (ExecutionException e) {
        throw new IOException("cannot open the host's pipes: " + e.getCause().getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure = "interrupted while starting the host";
      }
    }
    for (Path p : fifos.all()) {
      // Opening both ends at once releases a pending one-sided open of the same FIFO.
      new RandomAccessFile(p.toFile(), "rw").close();
    }
    opened.handle(
        (list, error) -> {
          if (list != null) {
            list.forEach(HostProcess::closeQuietly);
          }
          return null;
        });
    throw new IOException(failure);
  }

  /** The host as the VM sees it; its failures are {@link PreimageHostException}s. */
  public PreimageOracle oracle() {
    return oracle;
  }

  public long pid() {
    return process.pid();
  }

  /**
   * Closes our ends (a well-behaved host sees end-of-file and exits), waits a moment, then stops
   * the host.
   */
  @Override
  public void close() {
    watchdog.close();
    channels.forEach(HostProcess::closeQuietly);
    try {
      if (!process.waitFor(2, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(3, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook stops the host
    }
    fifos.close();
  }

  static void closeQuietly(FileChannel c) {
    try {
      c.close();
    } catch (IOException e) {
      // nothing more to release
    }
  }
}
