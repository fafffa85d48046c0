package io.merapi.faultproof.host;

import io.merapi.faultproof.kvstore.DiskKvStores;
import io.merapi.faultproof.kvstore.KvStore;
import io.merapi.faultproof.kvstore.MemoryKvStore;
import io.merapi.node.beacon.BeaconBlobSource;
import io.merapi.node.beacon.BeaconClient;
import io.merapi.node.l1.L1ClientConfig;
import io.merapi.node.l1.RpcL1Client;
import io.merapi.rpc.client.HttpRpcClient;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClientOptions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A host put together from {@link HostOptions}: the store (datadir or memory), and online the L1,
 * beacon and L2 sources behind a {@link Prefetcher}. Closing closes the sources and the store.
 */
public final class Host implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Host.class);

  private final KvStore store;
  private final Prefetcher prefetcher;
  private final List<AutoCloseable> resources;

  private Host(KvStore store, Prefetcher prefetcher, List<AutoCloseable> resources) {
    this.store = store;
    this.prefetcher = prefetcher;
    this.resources = resources;
  }

  public static Host open(HostOptions options) throws IOException {
    KvStore store =
        options.datadir().isPresent()
            ? DiskKvStores.open(options.datadir().get(), options.dataFormat())
            : new MemoryKvStore();
    List<AutoCloseable> resources = new ArrayList<>();
    Optional<HintFetcher> fetcher = Optional.empty();
    if (options.online()) {
      RpcL1Client l1 =
          RpcL1Client.connect(
              options.l1().orElseThrow(),
              RpcClientOptions.defaults(),
              L1ClientConfig.defaults()
                  .withTrustRpc(options.l1TrustRpc())
                  .withRpcKind(options.l1RpcKind()),
              new SimpleMeterRegistry());
      resources.add(l1);
      Optional<L1Blobs> blobs = Optional.empty();
      if (options.l1Beacon().isPresent()) {
        BeaconBlobSource beacon =
            new BeaconBlobSource(
                new BeaconClient(options.l1Beacon().get()), RetryPolicy.defaults());
        resources.add(beacon);
        blobs = Optional.of(L1Blobs.of(beacon));
      }
      HttpRpcClient l2 =
          HttpRpcClient.create(options.l2().orElseThrow(), RpcClientOptions.defaults());
      resources.add(l2);
      fetcher =
          Optional.of(
              new HintFetcher(
                  Optional.of(l1),
                  blobs,
                  Optional.of(new RpcL2Data(l2, RetryPolicy.defaults())),
                  options.l2Head()));
    }
    LOG.info(
        "Pre-image host {} with {}",
        options.online() ? "online" : "offline",
        options.datadir().map(d -> "datadir " + d).orElse("in-memory pre-images"));
    return new Host(store, new Prefetcher(store, Optional.of(options.boot()), fetcher), resources);
  }

  public Prefetcher prefetcher() {
    return prefetcher;
  }

  @Override
  public void close() {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        LOG.debug("Closing a host source failed: {}", e.getMessage());
      }
    }
    try {
      store.close();
    } catch (IOException e) {
      LOG.warn("Closing the pre-image store failed: {}", e.getMessage());
    }
  }
}
