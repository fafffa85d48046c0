package io.merapi.cli;

import io.merapi.execution.node.ExecutionNode;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/** Execution nodes started in-process from {@code merapi execution}'s own flags, for tests. */
final class TestNodes {
  private TestNodes() {}

  /**
   * Starts {@code merapi execution args...} with every port on a free loopback port (HTTP,
   * WebSocket, the Engine API and the dev beacon API on port 0); the caller closes the node.
   */
  static ExecutionNode start(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(
        List.of(
            "--http.port", "0", "--ws.port", "0", "--authrpc.port", "0", "--dev.beacon.port", "0"));
    ExecutionCommand command = new ExecutionCommand();
    new CommandLine(command).parseArgs(all.toArray(String[]::new));
    return ExecutionNode.start(command.config());
  }
}
