package io.merapi.batcher;

import io.merapi.batcher.channel.ChannelConfig;
import io.merapi.batcher.channel.ChannelConfigProvider;
import io.merapi.batcher.channel.ChannelManager;
import io.merapi.batcher.channel.DynamicDaConfig;
import io.merapi.batcher.metrics.BatcherMetrics;
import io.merapi.derive.channel.ChannelOutConfig;
import io.merapi.evm.precompile.KzgTrustedSetup;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.service.Resources;
import io.merapi.service.rollup.HttpRollupClient;
import io.merapi.service.rollup.RollupClient;
import io.merapi.service.txmgr.GasPriceEstimate;
import io.merapi.service.txmgr.L1TxManager;
import io.merapi.service.txmgr.TxManager;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The batcher as a service (op-batcher {@code BatcherService}): the rollup-node and L2 clients, the
 * transaction manager, the {@link BatchSubmitter} loop, the admin RPC ({@code admin_startBatcher},
 * {@code admin_stopBatcher}) and the metrics endpoint, started together and closed in reverse
 * order.
 */
public final class BatcherService implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BatcherService.class);
  public static final String VERSION = "v0.1.0";
  private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(10);

  private final Resources resources;
  private final BatchSubmitter submitter;
  private final URI rpcUri;
  private final Optional<URI> metricsUri;
  private final TxManager txManager;

  private BatcherService(
      Resources resources,
      BatchSubmitter submitter,
      TxManager txManager,
      URI rpcUri,
      Optional<URI> metricsUri) {
    this.resources = resources;
    this.submitter = submitter;
    this.txManager = txManager;
    this.rpcUri = rpcUri;
    this.metricsUri = metricsUri;
  }

  /**
   * Starts the batcher. The rollup node and the L2 need not be up yet: the loop waits for them.
   *
   * @throws IllegalArgumentException for a bad configuration
   */
  public static BatcherService start(BatcherConfig config) {
    Resources resources = new Resources();
    try {
      if (config.dataAvailability() != DataAvailability.CALLDATA) {
        // Loading the trusted setup takes seconds; done on the first blob transaction it would
        // come out of that channel's safety margin before the sequencing window ends.
        KzgTrustedSetup.ensureLoaded();
      }
      BatcherMetrics metrics = new BatcherMetrics();
      metrics.recordInfo(VERSION);
      RollupClient rollup =
          resources.add(HttpRollupClient.create(config.rollupRpc(), NETWORK_TIMEOUT));
      L2BlockReader l2 = resources.add(new L2BlockReader(config.l2EthRpc(), NETWORK_TIMEOUT));
      TxManager txManager =
          resources.add(
              L1TxManager.create(
                  config.l1EthRpc(),
                  config.key(),
                  config.txManager().withMaxPendingTx(0),
                  metrics.registry()));
      BatchSubmitter submitter =
          resources.add(
              new BatchSubmitter(
                  rollup,
                  l2::blockByNumber,
                  txManager,
                  rollupConfig ->
                      channelManager(config, rollupConfig, txManager::suggestGasPriceCaps),
                  metrics,
                  config.pollInterval(),
                  config.txManager().maxPendingTx(),
                  !config.stopped()));

      RpcServer rpcServer =
          resources.add(adminRpc(submitter, config.rpcAddr(), config.rpcPort(), metrics));
      Optional<URI> metricsUri =
          config
              .metricsPort()
              .map(port -> resources.add(metrics.serve(config.metricsAddr(), port)).httpUri())
              .map(uri -> uri.resolve("/metrics"));
      submitter.start();
      metrics.recordUp();
      log.info(
          "Batcher up: sending from {} ({}, {} batches, {}), admin RPC {}{}",
          txManager.from(),
          config.dataAvailability().displayName(),
          config.batchType().name().toLowerCase(java.util.Locale.ROOT),
          config.compressionAlgo(),
          rpcServer.httpUri(),
          config.stopped() ? "; stopped until admin_startBatcher" : "");
      return new BatcherService(resources, submitter, txManager, rpcServer.httpUri(), metricsUri);
    } catch (RuntimeException e) {
      resources.close();
      throw e;
    }
  }

  /**
   * The channel manager for the rollup the node serves: its sequencing window and channel timeout,
   * calldata or blob frames, or both with {@code auto}.
   */
  static ChannelManager channelManager(
      BatcherConfig config, RollupConfig rollup, Supplier<GasPriceEstimate> fees) {
    ChannelConfig base =
        new ChannelConfig(
            rollup.seqWindowSize(),
            rollup.channelTimeout(),
            config.maxChannelDuration(),
            config.subSafetyMargin(),
            config.maxL1TxSizeBytes() - 1,
            config.targetNumFrames(),
            config.compressor(),
            config.approxComprRatio(),
            config.compressionAlgo(),
            config.batchType(),
            false);
    ChannelConfigProvider provider =
        switch (config.dataAvailability()) {
          case CALLDATA -> ChannelConfigProvider.fixed(base);
          case BLOBS -> ChannelConfigProvider.fixed(base.asBlobs(config.targetNumFrames()));
          case AUTO ->
              new DynamicDaConfig(
                  // A calldata transaction carries one frame; the channel is as big as with blobs.
                  base, base.asBlobs(config.targetNumFrames()), fees);
        };
    return new ChannelManager(
        provider,
        ChannelOutConfig.of(rollup),
        timestamp -> rollup.isActive(OpFork.HOLOCENE, timestamp),
        new SecureRandom());
  }

  private static RpcServer adminRpc(
      BatchSubmitter submitter, String host, int port, BatcherMetrics metrics) {
    RpcMethods methods = new RpcMethods();
    methods.blocking(
        "admin_startBatcher",
        0,
        0,
        p -> {
          try {
            submitter.startSubmitting();
          } catch (IllegalStateException e) {
            throw RpcError.server(e.getMessage()).exception();
          }
          return null;
        });
    methods.blocking(
        "admin_stopBatcher",
        0,
        0,
        p -> {
          try {
            submitter.stopSubmitting();
          } catch (IllegalStateException e) {
            throw RpcError.server(e.getMessage()).exception();
          }
          return null;
        });
    RpcServerConfig config =
        RpcServerConfig.httpDefaults()
            .withName("batcher")
            .withHost(host)
            .withPort(port)
            .withModules(Set.of(RpcServerConfig.ALL_MODULES))
            .withVirtualHosts(List.of("*"))
            .withThreads(1, 2);
    return RpcServer.builder(config).methods(methods).metrics(metrics.registry()).start();
  }

  /** The admin RPC's URL. */
  public URI rpcUri() {
    return rpcUri;
  }

  public Optional<URI> metricsUri() {
    return metricsUri;
  }

  /** Whether batches are being submitted (not stopped). */
  public boolean isRunning() {
    return submitter.isRunning();
  }

  public io.merapi.base.bytes.Address from() {
    return txManager.from();
  }

  @Override
  public void close() {
    resources.close();
    log.info("Batcher stopped");
  }
}
