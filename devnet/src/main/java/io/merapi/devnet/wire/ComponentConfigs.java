package io.merapi.devnet.wire;

import io.merapi.base.crypto.Secp256k1;
import io.merapi.batcher.BatcherConfig;
import io.merapi.batcher.channel.BatchType;
import io.merapi.deployer.DeployConfig;
import io.merapi.deployer.l1.L1Deployment;
import io.merapi.derive.channel.CompressionAlgo;
import io.merapi.devnet.DevnetConfig;
import io.merapi.devnet.MetricsPorts;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.chain.DevnetGenesis;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.node.NodeConfig;
import io.merapi.node.driver.DriverConfig;
import io.merapi.proposer.ProposerConfig;
import io.merapi.proposer.games.ResolverConfig;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.service.txmgr.TxManagerConfig;
import io.merapi.storage.RocksDbConfig;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.ToIntFunction;

/**
 * The settings of each devnet component, from the devnet's config, its chain files and its data
 * directory; the URIs of components already started are passed in. Pure: nothing is started here.
 * The values follow the OP Stack's own devnets (ops-bedrock, op-e2e): rollup nodes that adopt L1
 * blocks at once, a batcher that closes channels every L1 block, a proposer on safe blocks, and
 * transaction managers that wait for one confirmation.
 */
public final class ComponentConfigs {
  /** How often the rollup nodes, the batcher and the proposer look at their sources. */
  static final Duration POLL = Duration.ofSeconds(1);

  private static final long MIB = 1024 * 1024;

  static final String LOOPBACK = "127.0.0.1";

  /**
   * The RocksDB of each of the three execution databases in this one JVM: a devnet's chains stay
   * small, and the per-node default (a 1 GiB cache, 256 MiB of memtables, two background jobs)
   * three times over would take more memory than the rest of the devnet and a background job per
   * core.
   */
  static final RocksDbConfig STORAGE = new RocksDbConfig(128 * MIB, 64 * MIB, 1, false);

  private final DevnetConfig config;
  private final ChainFiles files;
  private final DevnetDir dir;

  public ComponentConfigs(DevnetConfig config, ChainFiles files, DevnetDir dir) {
    this.config = config;
    this.files = files;
    this.dir = dir;
  }

  /**
   * The dev L1: the chain files' genesis, blocks every {@code l1BlockTime}, the beacon API, and one
   * port for HTTP and WebSocket open to browsers (dapps on any local origin).
   */
  public ExecutionNodeConfig l1() {
    return ExecutionNodeConfig.builder()
        .name("l1")
        .datadir(dir.l1())
        .genesis(files.l1Genesis())
        .http(Optional.of(userFacing(config.ports().l1())))
        .ws(Optional.empty())
        .authRpc(Optional.empty())
        .storage(STORAGE)
        .metrics(metricsEndpoint(MetricsPorts::l1))
        .dev(
            Optional.of(
                new ExecutionNodeConfig.DevSettings(
                    files.settings().l1BlockTime(),
                    config.l1SafeDepth(),
                    config.l1FinalizedDepth(),
                    Optional.of(
                        new ExecutionNodeConfig.BeaconEndpoint(
                            LOOPBACK, config.ports().l1Beacon())))))
        .build();
  }

  /**
   * An L2 engine on the L2 genesis, its Engine API behind the devnet's shared JWT secret; its
   * threads are named after its role, as the L1's are.
   */
  public ExecutionNodeConfig engine(boolean sequencer, JwtSecret secret) {
    int http = sequencer ? config.ports().l2() : config.ports().verifierL2();
    int auth = sequencer ? config.ports().l2AuthRpc() : config.ports().verifierL2AuthRpc();
    return ExecutionNodeConfig.builder()
        .name(sequencer ? "sequencer-l2" : "verifier-l2")
        .datadir(dir.engine(sequencer))
        .genesis(files.rollup().l2Genesis())
        .http(Optional.of(userFacing(http)))
        .ws(Optional.empty())
        .authRpc(Optional.of(RpcServerConfig.engineApi(secret).withPort(auth)))
        .jwtSecret(Optional.of(dir.jwtSecret()))
        .storage(STORAGE)
        .metrics(metricsEndpoint(sequencer ? MetricsPorts::sequencerL2 : MetricsPorts::verifierL2))
        .build();
  }

  /**
   * A rollup node: L1 blocks adopted and derived with no confirmations (the dev L1 does not reorg
   * on its own), admin RPC on, the sequencer publishing its blocks to {@code publishTo}. Named
   * "sequencer" or "verifier" so that the two nodes' log lines and threads can be told apart.
   */
  public NodeConfig node(
      boolean sequencer, URI l1, URI l1Beacon, URI engineAuth, List<URI> publishTo) {
    return new NodeConfig(
            l1,
            Optional.of(l1Beacon),
            false,
            false,
            "standard",
            engineAuth,
            dir.jwtSecret(),
            files.rollup().rollup(),
            LOOPBACK,
            sequencer ? config.ports().node() : config.ports().verifierNode(),
            true,
            new DriverConfig(sequencer, false, 0, 0, POLL),
            Optional.of(dir.safeDb(sequencer)),
            metricsPort(sequencer ? MetricsPorts::sequencerNode : MetricsPorts::verifierNode)
                .map(port -> new NodeConfig.Metrics(LOOPBACK, port)),
            publishTo)
        .withName(sequencer ? "sequencer" : "verifier");
  }

  /** The batcher: span batches, channels closed after at most the configured L1 blocks. */
  public BatcherConfig batcher(URI l1, URI l2Eth, URI rollupRpc) {
    BatcherConfig batcher =
        BatcherConfig.defaults(l1, l2Eth, rollupRpc, key(DevnetGenesis.BATCHER_ACCOUNT))
            .withPollInterval(POLL)
            .withSubSafetyMargin(4)
            .withChannels(
                config.maxChannelDuration(),
                1,
                CompressionAlgo.ZLIB,
                BatchType.SPAN,
                config.dataAvailability())
            .withTxManager(txManager())
            .withRpc(LOOPBACK, config.ports().batcher());
    return metricsPort(MetricsPorts::batcher)
        .map(port -> batcher.withMetrics(LOOPBACK, port))
        .orElse(batcher);
  }

  /**
   * The proposer: fast games every proposal interval, or outputs to the L2OutputOracle, from safe
   * (not only finalized) blocks so that withdrawals are provable within a minute.
   */
  public ProposerConfig proposer(URI l1, URI rollupRpc, URI l2Eth) {
    L1Deployment l1Contracts = files.rollup().l1();
    ProposerConfig.Mode mode =
        l1Contracts.usesFaultProofs()
            ? new ProposerConfig.GameFactory(
                l1Contracts.disputeGameFactoryProxy().orElseThrow(),
                config.proposalInterval(),
                DeployConfig.FAST_GAME_TYPE)
            : new ProposerConfig.OutputOracle(l1Contracts.l2OutputOracleProxy().orElseThrow());
    return new ProposerConfig(
        l1,
        rollupRpc,
        l2Eth,
        mode,
        POLL,
        true,
        key(DevnetGenesis.PROPOSER_ACCOUNT),
        txManager(),
        new ProposerConfig.Rpc(LOOPBACK, config.ports().proposer(), true),
        metricsPort(MetricsPorts::proposer)
            .map(port -> new ProposerConfig.Endpoint(LOOPBACK, port)));
  }

  /**
   * The resolver of the proposer's fast games (the challenger's part in the OP devnets), with
   * dispute games only: the challenger's key, looking every poll so that each game resolves one L1
   * block after its creation, well within the proof maturity delay.
   */
  public Optional<ResolverConfig> resolver(URI l1) {
    return files
        .rollup()
        .l1()
        .disputeGameFactoryProxy()
        .map(
            factory ->
                new ResolverConfig(
                    l1, factory, POLL, key(DevnetGenesis.CHALLENGER_ACCOUNT), txManager()));
  }

  /**
   * One confirmation (the dev L1 does not reorg on its own), and a fee bump only when a transaction
   * missed two L1 blocks: a shorter wait would bump every transaction before its first block.
   */
  public TxManagerConfig txManager() {
    return TxManagerConfig.defaults()
        .withNumConfirmations(1)
        .withTimings(
            Duration.ofSeconds(2 * files.settings().l1BlockTime()), Duration.ofMillis(500));
  }

  /** The component's metrics port with {@code --metrics}. */
  private Optional<Integer> metricsPort(ToIntFunction<MetricsPorts> component) {
    return config.metrics().map(component::applyAsInt);
  }

  private Optional<ExecutionNodeConfig.MetricsEndpoint> metricsEndpoint(
      ToIntFunction<MetricsPorts> component) {
    return metricsPort(component)
        .map(port -> new ExecutionNodeConfig.MetricsEndpoint(LOOPBACK, port));
  }

  private static Secp256k1.PrivateKey key(int account) {
    return DevAccounts.defaults().keys().get(account);
  }

  /** HTTP and WebSocket on one loopback port, callable from a browser page on any origin. */
  private static RpcServerConfig userFacing(int port) {
    return RpcServerConfig.httpDefaults()
        .withPort(port)
        .withTransports(true, true)
        .withCorsDomains(List.of("*"))
        .withWebSocketOrigins(List.of("*"));
  }
}
