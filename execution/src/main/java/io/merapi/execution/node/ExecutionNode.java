package io.merapi.execution.node;

import io.merapi.base.uint.UInt256;
import io.merapi.execution.api.ChainAccess;
import io.merapi.execution.api.PoolAccess;
import io.merapi.execution.api.call.CallSimulator;
import io.merapi.execution.api.debug.DebugRawMethods;
import io.merapi.execution.api.debug.DebugSetHeadMethods;
import io.merapi.execution.api.debug.DebugWitnessMethods;
import io.merapi.execution.api.eth.EthBlockMethods;
import io.merapi.execution.api.eth.EthCallMethods;
import io.merapi.execution.api.eth.EthChainMethods;
import io.merapi.execution.api.eth.EthFeeMethods;
import io.merapi.execution.api.eth.EthStateMethods;
import io.merapi.execution.api.fee.GasPriceOracle;
import io.merapi.execution.api.net.NetMethods;
import io.merapi.execution.api.sign.NodeAccounts;
import io.merapi.execution.api.sign.SignMethods;
import io.merapi.execution.api.sign.TransactionFiller;
import io.merapi.execution.api.web3.Web3Methods;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.dev.DevAccounts;
import io.merapi.execution.dev.DevChain;
import io.merapi.execution.dev.DevConfig;
import io.merapi.execution.dev.DevMethods;
import io.merapi.execution.dev.beacon.DevBeaconApi;
import io.merapi.execution.dev.beacon.DevBeaconServer;
import io.merapi.execution.engine.BuilderConfig;
import io.merapi.execution.engine.EngineApi;
import io.merapi.execution.engine.PayloadBuilder;
import io.merapi.execution.filter.BloomBitsIndex;
import io.merapi.execution.filter.ChainEvents;
import io.merapi.execution.filter.FilterMethods;
import io.merapi.execution.filter.InstalledFilters;
import io.merapi.execution.filter.LogSearch;
import io.merapi.execution.trace.TraceMethods;
import io.merapi.execution.txpool.TransactionPool;
import io.merapi.execution.txpool.TxPoolAccess;
import io.merapi.execution.txpool.TxPoolRpc;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.storage.InMemoryKeyValueStore;
import io.merapi.storage.KeyValueStore;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.storage.TrieNodeStore;
import io.merapi.types.config.Genesis;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution node: the chain on its database, the user-facing JSON-RPC over HTTP and WebSocket,
 * the authenticated server for the consensus client, the log index, the event feeds and the
 * metrics. {@link #start} brings everything up in order and {@link #close} takes it down in
 * reverse, releasing the ports and closing the database.
 */
public final class ExecutionNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ExecutionNode.class);

  /** The version web3_clientVersion reports. */
  public static final String VERSION = "0.1.0";

  private final ExecutionNodeConfig config;
  private final KeyValueStore store;
  private final Blockchain chain;
  private final RpcMethods methods = new RpcMethods();
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Deque<AutoCloseable> running = new ArrayDeque<>();
  private Optional<RpcServer> http = Optional.empty();
  private Optional<RpcServer> ws = Optional.empty();
  private Optional<RpcServer> authRpc = Optional.empty();
  private Optional<RpcServer> metrics = Optional.empty();
  private Optional<DevBeaconServer> beacon = Optional.empty();
  private Optional<JwtSecret> jwtSecret = Optional.empty();
  private Optional<DevChain> dev = Optional.empty();
  private boolean closed;

  private ExecutionNode(ExecutionNodeConfig config, KeyValueStore store, Blockchain chain) {
    this.config = config;
    this.store = store;
    this.chain = chain;
  }

  /**
   * Opens the database, writes or checks the genesis, and starts every server the config names.
   *
   * @throws IllegalStateException if the database holds no chain and no genesis was given, holds
   *     another genesis, or a port cannot be bound (everything opened is closed again)
   */
  public static ExecutionNode start(ExecutionNodeConfig config) {
    KeyValueStore store =
        config.datadir().isPresent()
            ? RocksDbKeyValueStore.open(chainData(config.datadir().get()), config.storage())
            : new InMemoryKeyValueStore();
    ExecutionNode node;
    try {
      // --dev without --genesis: the chain already on the datadir (whichever genesis made it),
      // else the dev genesis, as geth --dev reopens its datadir's chain.
      Optional<Genesis> genesis =
          config
              .genesis()
              .or(
                  () ->
                      config
                          .dev()
                          .filter(dev -> !Blockchain.holdsChain(store))
                          .map(dev -> devGenesis(devConfig(config))));
      Blockchain chain =
          genesis.isPresent()
              ? Blockchain.initialize(store, genesis.get())
              : Blockchain.open(store);
      node = new ExecutionNode(config, store, chain);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    try {
      node.startComponents();
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** Where a data directory keeps the chain database (geth: {@code <datadir>/geth/chaindata}). */
  public static Path chainData(Path datadir) {
    return datadir.resolve("chaindata");
  }

  /** The dev chain a config's {@code --dev} settings describe, in the node's data directory. */
  static DevConfig devConfig(ExecutionNodeConfig config) {
    ExecutionNodeConfig.DevSettings settings = config.dev().orElseThrow();
    return DevConfig.defaults()
        .withDataDir(config.datadir())
        .withPeriod(Duration.ofSeconds(settings.periodSeconds()))
        .withFinality(settings.finality())
        .withPool(config.txPool());
  }

  private static Genesis devGenesis(DevConfig dev) {
    return DevChain.genesis(dev, DevAccounts.derive(dev.mnemonic(), dev.accounts()));
  }

  private void startComponents() {
    ChainAccess access = new ChainAccess(chain, new TrieNodeStore(store));
    TransactionPool txPool;
    EngineApi engine;
    if (config.dev().isPresent()) {
      // The dev chain brings its own pool, payload builder and Engine API, driven by its producer;
      // a consensus client may still drive it over the authenticated port.
      DevChain devChain = DevChain.on(chain, devConfig(config));
      running.push(devChain);
      dev = Optional.of(devChain);
      txPool = devChain.pool();
      engine = devChain.engine();
    } else {
      txPool = TransactionPool.create(chain, config.txPool());
      running.push(txPool);
      PayloadBuilder builder =
          new PayloadBuilder(
              chain,
              Optional.of(txPool),
              BuilderConfig.defaults(),
              config.threadName("payload-builder"));
      running.push(builder);
      engine = new EngineApi(chain, builder);
    }
    txPool.bindTo(registry);
    engine.bindTo(registry);
    PoolAccess pool = new TxPoolAccess(txPool, config.allowUnprotectedTxs());
    long networkId = config.networkId().orElse(chain.config().chainId());
    ExecutionNodeConfig.RpcSettings rpc = config.rpc();

    BloomBitsIndex index =
        new BloomBitsIndex(store, chain, config.threadName("bloom-bits-indexer"));
    running.push(index);
    index.start();
    LogSearch search = new LogSearch(access, Optional.of(index), rpc.logResults());
    InstalledFilters filters = new InstalledFilters(Clock.systemUTC());
    ChainEvents events =
        new ChainEvents(access, search, filters, config.threadName("chain-events"));
    running.push(events);
    events.start(methods, pool);

    GasPriceOracle oracle = new GasPriceOracle(access, UInt256.valueOf(1_000_000));
    CallSimulator simulator = new CallSimulator(access, rpc.gasCap(), rpc.evmTimeout().toMillis());
    new Web3Methods(Web3Methods.clientVersion(VERSION)).register(methods);
    new NetMethods(networkId).register(methods);
    new EthChainMethods(access, pool, rpc.txFeeCapWei()).register(methods);
    new EthBlockMethods(access, pool).register(methods);
    new EthStateMethods(access, pool).register(methods);
    new EthCallMethods(access, simulator, oracle).register(methods);
    new EthFeeMethods(access, oracle).register(methods);
    // The dev chain signs for its funded accounts; a normal node holds no keys.
    new SignMethods(
            dev.map(d -> NodeAccounts.of(d.accounts().keys())).orElse(NodeAccounts.NONE),
            new TransactionFiller(access, pool, simulator, oracle),
            pool,
            rpc.txFeeCapWei())
        .register(methods);
    dev.ifPresent(d -> new DevMethods(d).register(methods));
    new FilterMethods(access, search, filters, rpc.logBlockRange()).register(methods);
    new DebugRawMethods(access, pool).register(methods);
    // OP(issue 7): the witness of the node's own blocks, for stateless re-execution.
    new DebugWitnessMethods(access).register(methods);
    new TraceMethods(access, simulator).register(methods);
    // The dev producer rewinds between two of its blocks; otherwise the chain rewinds itself.
    new DebugSetHeadMethods(dev.isPresent() ? dev.get().miner()::rewind : rewindQuiesced(engine))
        .register(methods);
    TxPoolRpc.register(txPool, methods);
    // The engine namespace is only exposed by servers that list it: the authrpc server by default.
    engine.register(methods);

    NodeMetrics nodeMetrics = new NodeMetrics(registry, chain, filters);
    chain.addHeadListener(nodeMetrics);

    startServers();
    // Blocks start once every endpoint is up, so the first one is seen by every subscriber.
    dev.ifPresent(DevChain::start);
  }

  private LongFunction<ChainHead> rewindQuiesced(EngineApi engine) {
    return number -> {
      // Builds read the head state, which is about to move; and a build on the new head with the
      // same attributes as one before the rewind must see the pool as it is now.
      engine.builder().discardJobs();
      return chain.rewind(number);
    };
  }

  private void startServers() {
    Optional<RpcServerConfig> httpConfig = config.http();
    Optional<RpcServerConfig> wsConfig = config.ws();
    if (httpConfig.isPresent()
        && wsConfig.isPresent()
        && samePort(httpConfig.get(), wsConfig.get())) {
      // One port, both transports (geth does the same when --http.port equals --ws.port).
      RpcServerConfig both =
          httpConfig
              .get()
              .withTransports(true, true)
              .withModules(union(httpConfig.get().modules(), wsConfig.get().modules()))
              .withWebSocketOrigins(wsConfig.get().webSocketOrigins());
      http = Optional.of(serve(both));
      ws = http;
    } else {
      http = httpConfig.map(this::serve);
      // An HTTP server that also speaks WebSocket is the WebSocket endpoint when none other is
      // configured: one port for both, also when it is chosen by the system (port 0).
      ws =
          wsConfig.isPresent()
              ? wsConfig.map(this::serve)
              : http.filter(server -> httpConfig.orElseThrow().webSocket());
    }
    if (config.authRpc().isPresent()) {
      JwtSecret secret = loadSecret();
      jwtSecret = Optional.of(secret);
      authRpc = Optional.of(serve(config.authRpc().get().withJwtSecret(Optional.of(secret))));
    }
    if (dev.isPresent() && config.dev().orElseThrow().beacon().isPresent()) {
      ExecutionNodeConfig.BeaconEndpoint endpoint = config.dev().get().beacon().get();
      DevBeaconApi api = new DevBeaconApi(chain, dev.get().miner().slots(), VERSION);
      DevBeaconServer server = DevBeaconServer.start(api, endpoint.host(), endpoint.port());
      running.push(server);
      beacon = Optional.of(server);
    }
    if (config.metrics().isPresent()) {
      ExecutionNodeConfig.MetricsEndpoint endpoint = config.metrics().get();
      RpcServerConfig metricsConfig =
          RpcServerConfig.httpDefaults()
              .withName("metrics")
              .withHost(endpoint.host())
              .withPort(endpoint.port())
              .withModules(Set.of())
              .withVirtualHosts(java.util.List.of("*"))
              .withThreads(1, 1);
      RpcServer server =
          RpcServer.builder(metricsConfig)
              .methods(new RpcMethods())
              .route("/metrics", new io.merapi.rpc.metrics.PrometheusEndpoint(registry))
              .start();
      running.push(server);
      metrics = Optional.of(server);
    }
  }

  private static boolean samePort(RpcServerConfig a, RpcServerConfig b) {
    return a.port() != 0 && a.port() == b.port() && a.host().equals(b.host());
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    java.util.HashSet<String> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return all;
  }

  private RpcServer serve(RpcServerConfig server) {
    RpcServer started = RpcServer.builder(server).methods(methods).metrics(registry).start();
    running.push(started);
    return started;
  }

  private JwtSecret loadSecret() {
    try {
      if (config.jwtSecret().isPresent()) {
        return JwtSecret.loadOrGenerate(config.jwtSecret().get());
      }
      if (config.datadir().isPresent()) {
        return JwtSecret.loadOrGenerate(config.datadir().get().resolve("jwtsecret"));
      }
      return JwtSecret.generate();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or write the JWT secret: " + e.getMessage(), e);
    }
  }

  public Blockchain chain() {
    return chain;
  }

  public RpcMethods methods() {
    return methods;
  }

  public PrometheusMeterRegistry registry() {
    return registry;
  }

  public KeyValueStore store() {
    return store;
  }

  public Optional<URI> httpUri() {
    return http.map(RpcServer::httpUri);
  }

  public Optional<URI> webSocketUri() {
    return ws.map(RpcServer::webSocketUri);
  }

  public Optional<URI> authRpcUri() {
    return authRpc.map(RpcServer::httpUri);
  }

  public Optional<URI> metricsUri() {
    return metrics.map(s -> s.httpUri().resolve("/metrics"));
  }

  /** With {@code --dev}: where the dev chain's beacon API is served, if it is. */
  public Optional<URI> beaconUri() {
    return beacon.map(DevBeaconServer::uri);
  }

  public Optional<JwtSecret> jwtSecret() {
    return jwtSecret;
  }

  /** With {@code --dev}: the dev chain's accounts, pool and block producer (for the banner). */
  public Optional<DevChain> dev() {
    return dev;
  }

  /** Stops the servers, the feeds and the indexer, then closes the database. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    while (!running.isEmpty()) {
      AutoCloseable component = running.pop();
      try {
        component.close();
      } catch (Exception e) {
        LOG.warn("stopping {} failed: {}", component, e.toString());
      }
    }
    store.close();
    registry.close();
    LOG.info("execution node stopped");
  }
}
