package io.merapi.node;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.source.BlobSource;
import io.merapi.node.beacon.BeaconBlobSource;
import io.merapi.node.beacon.BeaconClient;
import io.merapi.node.driver.Driver;
import io.merapi.node.driver.SafeHeadListener;
import io.merapi.node.engine.EngineClient;
import io.merapi.node.engine.RpcL2Client;
import io.merapi.node.gossip.UnsafePayloadPublisher;
import io.merapi.node.l1.L1ClientConfig;
import io.merapi.node.l1.RpcKind;
import io.merapi.node.l1.RpcL1Client;
import io.merapi.node.metrics.NodeMetrics;
import io.merapi.node.rpc.RollupRpc;
import io.merapi.node.safedb.SafeDb;
import io.merapi.rpc.client.RetryPolicy;
import io.merapi.rpc.client.RpcClientOptions;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServer;
import io.merapi.service.Resources;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running rollup node: the L1 and beacon clients, the engine and L2 clients, the safe-head
 * database, the driver, the rollup RPC server and the metrics endpoint, started together from a
 * {@link NodeConfig} and closed in reverse order.
 */
public final class RollupNodeService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RollupNodeService.class);

  /** What {@code optimism_version} answers. */
  public static final String VERSION = "v0.1.0-merapi";

  private final Resources resources;
  private final Driver driver;
  private final URI rpcUri;
  private final Optional<URI> metricsUri;
  private boolean closed;

  private RollupNodeService(
      Resources resources, Driver driver, URI rpcUri, Optional<URI> metricsUri) {
    this.resources = resources;
    this.driver = driver;
    this.rpcUri = rpcUri;
    this.metricsUri = metricsUri;
  }

  /**
   * Starts a node: opens its clients and database, starts the driver, then serves the RPC.
   *
   * @throws IllegalArgumentException for a bad JWT secret file or configuration
   */
  public static RollupNodeService start(NodeConfig config) {
    Resources resources = new Resources();
    try {
      RollupConfig rollup = config.rollup();
      NodeMetrics metrics = new NodeMetrics();
      metrics.recordInfo(VERSION);
      RpcL1Client l1 =
          resources.add(
              RpcL1Client.connect(
                  config.l1(),
                  RpcClientOptions.defaults().withTimeout(Duration.ofSeconds(10)),
                  L1ClientConfig.defaults()
                      .withTrustRpc(config.l1TrustRpc())
                      .withRpcKind(RpcKind.fromFlag(config.l1RpcKind())),
                  metrics.registry()));
      BlobSource blobs =
          config.l1Beacon().isPresent()
              ? new BeaconBlobSource(
                  new BeaconClient(config.l1Beacon().get()), RetryPolicy.defaults())
              : noBeacon();
      JwtSecret secret = EngineClient.readJwtSecret(config.l2JwtSecret());
      EngineClient engine = resources.add(new EngineClient(config.l2(), secret, rollup));
      RpcL2Client l2 = resources.add(new RpcL2Client(config.l2(), rollup, secret));
      SafeDb safeDb =
          resources.add(config.safeDbPath().map(SafeDb::open).orElseGet(SafeDb::disabled));

      Driver driver =
          resources.add(
              new Driver(
                  rollup,
                  l1,
                  blobs,
                  engine,
                  l2,
                  config.driver(),
                  List.of(safeDbListener(safeDb)),
                  metrics,
                  Clock.systemUTC()));
      if (config.driver().sequencerEnabled() && !config.publishTo().isEmpty()) {
        driver.addSequencedListener(resources.add(new UnsafePayloadPublisher(config.publishTo())));
      }
      driver.nameThread(config.threadName("driver"));
      driver.start();

      RollupRpc rpc =
          new RollupRpc(
              rollup,
              VERSION,
              driver,
              l2,
              safeDb,
              config.rpcEnableAdmin(),
              ExecutionPayloadEnvelope::fromJson);
      RpcServer rpcServer =
          resources.add(
              rpc.start(
                  RollupRpc.serverConfig(config.rpcAddr(), config.rpcPort()),
                  Optional.of(metrics.registry())));
      Optional<URI> metricsUri =
          config
              .metrics()
              .map(m -> resources.add(metrics.serve(m.addr(), m.port())).httpUri())
              .map(uri -> uri.resolve("/metrics"));
      metrics.recordUp();
      LOG.info(
          "Rollup node {}up: L2 chain {}, rollup RPC {}",
          config.name().isEmpty() ? "" : config.name() + " ",
          rollup.l2ChainId(),
          rpcServer.httpUri());
      return new RollupNodeService(resources, driver, rpcServer.httpUri(), metricsUri);
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }

  /** The safe-head database records each new safe head with the L1 block it came from. */
  private static SafeHeadListener safeDbListener(SafeDb safeDb) {
    return new SafeHeadListener() {
      @Override
      public void safeHeadUpdated(L1BlockRef derivedFrom, L2BlockRef safeHead) {
        safeDb.safeHeadUpdated(safeHead, derivedFrom.id());
      }

      @Override
      public void safeHeadReset(L2BlockRef safeHead) {
        safeDb.safeHeadReset(safeHead);
      }
    };
  }

  /** A node run with {@code --l1.beacon.ignore} cannot read blobs: say so where they are needed. */
  private static BlobSource noBeacon() {
    return (ref, hashes) -> {
      throw new DerivationException.Critical(
          "L1 block "
              + ref.id()
              + " carries batcher blobs, but the node runs without a beacon API"
              + " (--l1.beacon.ignore)");
    };
  }

  public URI rpcUri() {
    return rpcUri;
  }

  public Optional<URI> metricsUri() {
    return metricsUri;
  }

  public Driver driver() {
    return driver;
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    resources.close();
    LOG.info("Rollup node stopped");
  }
}
