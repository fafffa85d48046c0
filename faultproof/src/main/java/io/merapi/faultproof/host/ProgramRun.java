package io.merapi.faultproof.host;

import io.merapi.faultproof.client.ClientMain;
import io.merapi.faultproof.preimage.ChildChannels;
import io.merapi.faultproof.preimage.PreimageChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the fault-proof program against a {@link Host}: in this JVM over in-memory pipes, or as a
 * child process on its descriptors 3 to 6. The result is the program's exit code (0 valid claim, 1
 * invalid, 2 failure).
 */
public final class ProgramRun {
  private static final Logger LOG = LoggerFactory.getLogger(ProgramRun.class);

  private ProgramRun() {}

  /** The program on this thread, the host serving it on its own two threads. */
  public static int inProcess(Host host, PrintStream err) throws IOException {
    PreimageChannel.Ends hints = PreimageChannel.pipe();
    PreimageChannel.Ends preimages = PreimageChannel.pipe();
    PreimageHost serving =
        PreimageHost.start(hints.host(), preimages.host(), host.prefetcher(), host.prefetcher());
    try {
      return ClientMain.run(hints.client(), preimages.client(), err);
    } finally {
      closeQuietly(hints.client());
      closeQuietly(preimages.client());
      serving.close();
    }
  }

  /** The program as the child process {@code command}; its stderr goes to this process's. */
  public static int child(Host host, List<String> command)
      throws IOException, InterruptedException {
    ChildChannels.Launched child =
        ChildChannels.start(
            command,
            builder ->
                builder
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT));
    try (PreimageHost serving =
        PreimageHost.start(
            child.hints(), child.preimages(), host.prefetcher(), host.prefetcher())) {
      int code = child.process().waitFor();
      serving
          .failure()
          .ifPresent(f -> LOG.warn("The host failed while serving: {}", f.getMessage()));
      return code;
    } finally {
      child.process().destroy();
    }
  }

  private static void closeQuietly(PreimageChannel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("Closing a program channel failed: {}", e.getMessage());
    }
  }
}
