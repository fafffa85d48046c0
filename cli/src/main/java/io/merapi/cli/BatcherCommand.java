package io.merapi.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** {@code merapi batcher}: Batch submitter, op-batcher flags. */
@Command(
    name = "batcher",
    mixinStandardHelpOptions = true,
    description = "Batch submitter, op-batcher flags.")
public final class BatcherCommand implements Runnable {
  @Unmatched List<String> arguments;

  @Override
  public void run() {
    throw CommandFailure.notBuiltYet("merapi batcher", "4, batcher");
  }
}
