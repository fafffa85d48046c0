package io.merapi.explorer;

import io.merapi.base.files.FileTrees;
import io.merapi.derive.source.BlobSource;
import io.merapi.explorer.bridge.BridgeLogs;
import io.merapi.explorer.bridge.BridgeReader;
import io.merapi.explorer.index.ChainIndex;
import io.merapi.explorer.index.Follower;
import io.merapi.explorer.rollup.BatchCarrier;
import io.merapi.explorer.rollup.CarrierWarmer;
import io.merapi.explorer.source.ChainSource;
import io.merapi.explorer.source.RollupSource;
import io.merapi.explorer.source.RpcEndpoint;
import io.merapi.explorer.web.ExplorerServer;
import io.merapi.explorer.web.Pages;
import io.merapi.explorer.web.Routes;
import io.merapi.node.beacon.BeaconBlobSource;
import io.merapi.node.beacon.BeaconClient;
import io.merapi.storage.RocksDbConfig;
import io.merapi.storage.RocksDbKeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running explorer: the index store, the three endpoints, a follower per chain and the web
 * server. It starts without the chains being up (pages say what is unreachable, the followers wait)
 * and {@link #close} stops everything in reverse order, the store last.
 */
public final class Explorer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Explorer.class);

  private final Deque<AutoCloseable> started;
  private final ExplorerServer server;
  private final ChainIndex index;

  /**
   * The index's store. One written by an older layout is a cache of public chain data and nothing
   * else, so it is deleted and filled again from the chains rather than refused.
   */
  private static RocksDbKeyValueStore openIndex(Path dir) {
    RocksDbKeyValueStore store = RocksDbKeyValueStore.open(dir, RocksDbConfig.small());
    Optional<Integer> other = ChainIndex.otherLayout(store);
    if (other.isEmpty()) {
      return store;
    }
    store.close();
    LOG.warn(
        "The index at {} was written by an older explorer (layout {}): rebuilding it from the chains",
        dir,
        other.get());
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the old index at " + dir, e);
    }
    return RocksDbKeyValueStore.open(dir, RocksDbConfig.small());
  }

  private Explorer(Deque<AutoCloseable> started, ExplorerServer server, ChainIndex index) {
    this.started = started;
    this.server = server;
    this.index = index;
  }

  /**
   * Opens the index under {@code datadir/index}, starts following and serving.
   *
   * @throws IllegalStateException if the index is locked by another explorer or the port is taken
   */
  public static Explorer start(ExplorerConfig config) {
    Deque<AutoCloseable> started = new ArrayDeque<>();
    try {
      Clock clock = Clock.systemUTC();
      RocksDbKeyValueStore store = openIndex(config.datadir().resolve("index"));
      started.push(store);
      ChainIndex index = ChainIndex.open(store);
      ChainSource l1 =
          new ChainSource(Chain.L1, RpcEndpoint.http("L1 JSON-RPC", config.l1(), clock));
      started.push(l1);
      ChainSource l2 =
          new ChainSource(Chain.L2, RpcEndpoint.http("L2 JSON-RPC", config.l2(), clock));
      started.push(l2);
      RollupSource rollup =
          new RollupSource(
              RpcEndpoint.http("rollup node", config.node(), clock), Duration.ofMillis(500));
      started.push(rollup);
      BridgeReader bridge = new BridgeReader(rollup, l1, l2);
      started.push(
          Follower.start(
              l1, index, config.l1Poll(), config.backfill(), new BridgeLogs(Chain.L1, bridge)));
      started.push(
          Follower.start(
              l2, index, config.l2Poll(), config.backfill(), new BridgeLogs(Chain.L2, bridge)));
      Optional<BlobSource> blobs = Optional.empty();
      if (config.l1Beacon().isPresent()) {
        BeaconBlobSource beacon =
            new BeaconBlobSource(
                new BeaconClient(config.l1Beacon().get(), Duration.ofSeconds(5), Map.of()),
                RpcEndpoint.PAGE_RETRIES);
        started.push(beacon);
        blobs = Optional.of(beacon);
      }
      BatchCarrier carrier = new BatchCarrier(rollup, l1, l2, index, blobs);
      started.push(CarrierWarmer.start(carrier, rollup, index, config.l2Poll()));
      ExplorerServer server =
          ExplorerServer.start(
              new Routes(new Pages(l1, l2, rollup, index, clock, bridge, carrier)),
              config.host(),
              config.port());
      started.push(server);
      return new Explorer(started, server, index);
    } catch (RuntimeException e) {
      closeAll(started);
      if (e instanceof io.merapi.storage.StoreLockedException) {
        throw new IllegalStateException(
            "another explorer has the index at " + config.datadir().resolve("index") + " open", e);
      }
      throw e;
    }
  }

  /** Where the pages are served. */
  public URI uri() {
    return server.uri();
  }

  /** The index, for tests that wait for it to reach a block. */
  public ChainIndex index() {
    return index;
  }

  @Override
  public void close() {
    closeAll(started);
  }

  private static void closeAll(Deque<AutoCloseable> started) {
    while (!started.isEmpty()) {
      AutoCloseable next = started.pop();
      try {
        next.close();
      } catch (Exception e) {
        LOG.warn("closing {} failed: {}", next.getClass().getSimpleName(), e.toString());
      }
    }
  }
}
