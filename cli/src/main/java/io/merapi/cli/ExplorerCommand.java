package io.merapi.cli;

import io.merapi.explorer.Explorer;
import io.merapi.explorer.ExplorerConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code merapi explorer}: the block explorer over an OP Stack chain's public RPCs (the L1's and
 * the L2's JSON-RPC and the rollup node's RPC), serving pages until SIGTERM.
 */
@Command(
    name = "explorer",
    mixinStandardHelpOptions = true,
    description = "Block explorer of an OP Stack chain, over its public RPCs.")
public final class ExplorerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--l1", required = true, description = "The L1's JSON-RPC endpoint (HTTP).")
  URI l1;

  @Option(names = "--l2", required = true, description = "The L2's JSON-RPC endpoint (HTTP).")
  URI l2;

  @Option(
      names = "--node",
      required = true,
      description = "The rollup node's RPC endpoint (optimism_syncStatus, ...).")
  URI node;

  @Option(
      names = "--l1.beacon",
      description =
          "The L1's beacon API (HTTP), to read the blobs of batcher transactions and show which"
              + " one carried an L2 block; without it only calldata batches are decoded.")
  URI l1Beacon;

  @Option(
      names = "--addr",
      defaultValue = "127.0.0.1",
      description = "Address the pages are served on (default: ${DEFAULT-VALUE}).")
  String addr;

  @Option(
      names = "--port",
      defaultValue = "4000",
      description = "Port the pages are served on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--datadir",
      description = "Where the index is kept (default: ~/.merapi/explorer).")
  Path datadir;

  @Override
  public Integer call() throws InterruptedException {
    Path dir =
        datadir != null ? datadir : Path.of(System.getProperty("user.home"), ".merapi", "explorer");
    for (URI uri : new URI[] {l1, l2, node, l1Beacon}) {
      if (uri != null && !"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
        throw new CommandFailure("not an HTTP endpoint: " + uri);
      }
    }
    ExplorerConfig config;
    try {
      ExplorerConfig chosen = ExplorerConfig.of(l1, l2, node, dir).withHost(addr).withPort(port);
      config = l1Beacon == null ? chosen : chosen.withL1Beacon(l1Beacon);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(e.getMessage());
    }
    Explorer explorer = ServiceRun.start(() -> Explorer.start(config));
    return ServiceRun.untilStopped(
        spec,
        explorer,
        "Merapi explorer of L1 " + l1 + ", L2 " + l2 + " and rollup node " + node,
        "pages",
        explorer.uri(),
        Optional.empty());
  }
}
