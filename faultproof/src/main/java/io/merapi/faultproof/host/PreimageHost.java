package io.merapi.faultproof.host;

import io.merapi.faultproof.preimage.HintReader;
import io.merapi.faultproof.preimage.OracleServer;
import io.merapi.faultproof.preimage.PreimageChannel;
import io.merapi.faultproof.preimage.PreimageSource;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves a program over its two channels, one thread each (op-program's {@code PreimageServer}):
 * hints go to the router and are acknowledged, pre-image requests are answered from the source. It
 * runs until the program closes its channels; if the source cannot answer a key, or the program
 * breaks the protocol, the host logs the cause once and closes both channels, so that the program
 * reads the end of the stream and fails instead of waiting forever.
 */
public final class PreimageHost implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PreimageHost.class);

  private final PreimageChannel hints;
  private final PreimageChannel preimages;
  private final Thread hintThread;
  private final Thread preimageThread;
  private final AtomicReference<Throwable> failure = new AtomicReference<>();
  private volatile boolean closing;

  private PreimageHost(
      PreimageChannel hints,
      PreimageChannel preimages,
      HintReader.Router router,
      PreimageSource source) {
    this.hints = hints;
    this.preimages = preimages;
    HintReader reader = new HintReader(hints);
    OracleServer server = new OracleServer(preimages);
    this.hintThread =
        Thread.ofPlatform()
            .name("preimage-hints")
            .daemon()
            .unstarted(() -> loop("hint", () -> reader.next(router)));
    this.preimageThread =
        Thread.ofPlatform()
            .name("preimage-server")
            .daemon()
            .unstarted(() -> loop("pre-image", () -> server.serveNext(source)));
  }

  /** Starts serving the host's ends of the hint and pre-image channels. */
  public static PreimageHost start(
      PreimageChannel hints,
      PreimageChannel preimages,
      HintReader.Router router,
      PreimageSource source) {
    PreimageHost host = new PreimageHost(hints, preimages, router, source);
    host.hintThread.start();
    host.preimageThread.start();
    return host;
  }

  @FunctionalInterface
  private interface Step {
    boolean next() throws IOException;
  }

  private void loop(String channel, Step step) {
    try {
      while (step.next()) {
        // one message per step
      }
      LOG.debug("Program closed the {} channel", channel);
    } catch (Throwable e) {
      // Any failure, an Error included, must close the channels: a program left blocked on a
      // read would wait forever.
      if (!closing && failure.compareAndSet(null, e)) {
        LOG.error("Pre-image host stopped serving the {} channel: {}", channel, describe(e));
      }
      closeQuietly();
    }
  }

  /** Waits until both channels are done; returns the first failure, if any. */
  public Optional<Throwable> awaitDone() throws InterruptedException {
    preimageThread.join();
    hintThread.join();
    return Optional.ofNullable(failure.get());
  }

  /** Why the host stopped, if it failed. */
  public Optional<Throwable> failure() {
    return Optional.ofNullable(failure.get());
  }

  /** Stops serving: both channels are closed, and the threads end without reporting a failure. */
  @Override
  public void close() {
    closing = true;
    closeQuietly();
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }

  private void closeQuietly() {
    for (PreimageChannel channel : new PreimageChannel[] {hints, preimages}) {
      try {
        channel.close();
      } catch (IOException e) {
        LOG.debug("Closing a pre-image channel failed: {}", e.getMessage());
      }
    }
  }
}
