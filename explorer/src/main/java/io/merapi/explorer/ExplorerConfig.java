package io.merapi.explorer;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What the explorer reads and where it serves.
 *
 * @param l1 the L1's JSON-RPC (HTTP)
 * @param l2 the L2's JSON-RPC (HTTP)
 * @param node the rollup node's RPC (op-node's {@code optimism_*})
 * @param host the address the pages are served on
 * @param port their port (4000 by the OP devnet's convention; 0 picks a free one)
 * @param datadir where the index is kept
 * @param l1Poll how often the L1 is asked for new blocks
 * @param l2Poll how often the L2 is
 * @param backfill on an empty index, how many blocks below each head it starts from
 * @param l1Beacon the L1's beacon API ({@code --l1.beacon}), to read the blobs batcher transactions
 *     carry; without it only calldata batches are decoded
 */
public record ExplorerConfig(
    URI l1,
    URI l2,
    URI node,
    String host,
    int port,
    Path datadir,
    Duration l1Poll,
    Duration l2Poll,
    long backfill,
    Optional<URI> l1Beacon) {
  public static final int DEFAULT_PORT = 4000;
  public static final long DEFAULT_BACKFILL = 100_000;

  public ExplorerConfig {
    Objects.requireNonNull(l1, "l1");
    Objects.requireNonNull(l2, "l2");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(datadir, "datadir");
    Objects.requireNonNull(l1Beacon, "l1Beacon");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (l1Poll.isNegative() || l1Poll.isZero() || l2Poll.isNegative() || l2Poll.isZero()) {
      throw new IllegalArgumentException("poll intervals must be positive");
    }
    if (backfill < 0) {
      throw new IllegalArgumentException("backfill must not be negative: " + backfill);
    }
  }

  /** Loopback, port 4000, polling L1 every 2 s and L2 every second. */
  public static ExplorerConfig of(URI l1, URI l2, URI node, Path datadir) {
    return new ExplorerConfig(
        l1,
        l2,
        node,
        "127.0.0.1",
        DEFAULT_PORT,
        datadir,
        Duration.ofSeconds(2),
        Duration.ofSeconds(1),
        DEFAULT_BACKFILL,
        Optional.empty());
  }

  public ExplorerConfig withPort(int value) {
    return new ExplorerConfig(
        l1, l2, node, host, value, datadir, l1Poll, l2Poll, backfill, l1Beacon);
  }

  public ExplorerConfig withL1Beacon(URI value) {
    return new ExplorerConfig(
        l1, l2, node, host, port, datadir, l1Poll, l2Poll, backfill, Optional.of(value));
  }

  public ExplorerConfig withHost(String value) {
    return new ExplorerConfig(
        l1, l2, node, value, port, datadir, l1Poll, l2Poll, backfill, l1Beacon);
  }
}
