package io.merapi.devnet;

import io.merapi.batcher.BatcherService;
import io.merapi.devnet.chain.ChainFiles;
import io.merapi.devnet.chain.DevnetDir;
import io.merapi.devnet.chain.DevnetGenesis;
import io.merapi.devnet.info.DevnetBanner;
import io.merapi.devnet.info.DevnetInfo;
import io.merapi.devnet.info.Endpoints;
import io.merapi.devnet.wire.ComponentConfigs;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.node.RollupNodeService;
import io.merapi.proposer.ProposerService;
import io.merapi.proposer.games.GameResolverService;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.service.Resources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.SequencedMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole rollup in this JVM: the dev L1, the sequencer's L2 engine and rollup node, the
 * verifier's (optional), the batcher, the proposer and (with dispute games) the resolver of the
 * fast games, started in that order and connected over loopback JSON-RPC exactly as separate {@code
 * merapi} processes would be; {@link #close} stops them in the reverse order and releases the data
 * directory.
 */
public final class Devnet implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Devnet.class);

  private final Resources resources;
  private final DevnetInfo info;
  private final FirstBlockClock clock;
  private final ExecutionNode sequencerEngine;
  private final Optional<ExecutionNode> verifierEngine;

  private Devnet(
      Resources resources,
      DevnetInfo info,
      FirstBlockClock clock,
      ExecutionNode sequencerEngine,
      Optional<ExecutionNode> verifierEngine) {
    this.resources = resources;
    this.info = info;
    this.clock = clock;
    this.sequencerEngine = sequencerEngine;
    this.verifierEngine = verifierEngine;
  }

  /**
   * Opens (or creates) the chains in the config's data directory and starts every component.
   *
   * @throws IllegalStateException if the directory is in use or not a devnet's, the chains were
   *     created with other settings, or a component cannot start (what started is stopped again)
   */
  public static Devnet start(DevnetConfig config) {
    Resources resources = new Resources();
    try {
      DevnetDir dir = resources.add(DevnetDir.open(config.datadir(), config.fresh()));
      ChainFiles files = chainFiles(dir, config);
      ComponentConfigs wire = new ComponentConfigs(config, files, dir);
      JwtSecret secret = JwtSecret.loadOrGenerate(dir.jwtSecret());

      ExecutionNode l1 = resources.add(ExecutionNode.start(wire.l1()));
      URI l1Rpc = l1.httpUri().orElseThrow();
      URI l1Beacon = l1.beaconUri().orElseThrow();
      ExecutionNode seqEngine = resources.add(ExecutionNode.start(wire.engine(true, secret)));
      FirstBlockClock clock = resources.add(FirstBlockClock.watch(seqEngine.chain()));
      Optional<ExecutionNode> verEngine =
          config.verifier()
              ? Optional.of(resources.add(ExecutionNode.start(wire.engine(false, secret))))
              : Optional.empty();
      // The verifier first: the sequencer publishes each block to it (until P2P gossip exists).
      Optional<RollupNodeService> verNode =
          verEngine.map(
              engine ->
                  resources.add(
                      RollupNodeService.start(
                          wire.node(
                              false,
                              l1Rpc,
                              l1Beacon,
                              engine.authRpcUri().orElseThrow(),
                              List.of()))));
      RollupNodeService seqNode =
          resources.add(
              RollupNodeService.start(
                  wire.node(
                      true,
                      l1Rpc,
                      l1Beacon,
                      seqEngine.authRpcUri().orElseThrow(),
                      verNode.map(RollupNodeService::rpcUri).stream().toList())));
      URI l2Rpc = seqEngine.httpUri().orElseThrow();
      BatcherService batcher =
          resources.add(BatcherService.start(wire.batcher(l1Rpc, l2Rpc, seqNode.rpcUri())));
      ProposerService proposer =
          resources.add(ProposerService.start(wire.proposer(l1Rpc, seqNode.rpcUri(), l2Rpc)));
      // The challenger's part: resolve each fast game a block after the proposer creates it.
      wire.resolver(l1Rpc)
          .ifPresent(resolver -> resources.add(GameResolverService.start(resolver)));

      SequencedMap<String, URI> metrics = new LinkedHashMap<>();
      l1.metricsUri().ifPresent(uri -> metrics.put("l1", uri));
      seqEngine.metricsUri().ifPresent(uri -> metrics.put("sequencerL2", uri));
      verEngine.flatMap(ExecutionNode::metricsUri).ifPresent(uri -> metrics.put("verifierL2", uri));
      seqNode.metricsUri().ifPresent(uri -> metrics.put("sequencerNode", uri));
      verNode
          .flatMap(RollupNodeService::metricsUri)
          .ifPresent(uri -> metrics.put("verifierNode", uri));
      batcher.metricsUri().ifPresent(uri -> metrics.put("batcher", uri));
      proposer.metricsUri().ifPresent(uri -> metrics.put("proposer", uri));
      Endpoints endpoints =
          new Endpoints(
              l1Rpc,
              webSocket(l1Rpc),
              l1Beacon,
              l2Rpc,
              webSocket(l2Rpc),
              seqEngine.authRpcUri().orElseThrow(),
              seqNode.rpcUri(),
              verEngine.map(engine -> engine.httpUri().orElseThrow()),
              verNode.map(RollupNodeService::rpcUri),
              batcher.rpcUri(),
              proposer.rpcUri(),
              metrics,
              Optional.empty());
      DevnetInfo info = new DevnetInfo(files, endpoints, config.proposalInterval(), dir);
      dir.writeInfo(info.toJson());
      LOG.info(
          "Devnet running: L1 {}, L2 {}, rollup node {}; everything is in {}",
          l1Rpc,
          l2Rpc,
          seqNode.rpcUri(),
          dir.infoFile());
      return new Devnet(resources, info, clock, seqEngine, verEngine);
    } catch (IOException e) {
      resources.close();
      throw new UncheckedIOException("cannot start the devnet: " + e.getMessage(), e);
    } catch (RuntimeException | Error e) {
      resources.close();
      throw e;
    }
  }

  /**
   * The chains in {@code dir}, or new ones built now and written there ({@code merapi devnet init}
   * prepares the directory for separate processes with it).
   *
   * @throws IllegalStateException if the chains there were created with other settings
   */
  public static ChainFiles chainFiles(DevnetDir dir, DevnetConfig config) {
    Optional<ChainFiles> existing = dir.read();
    if (existing.isPresent()) {
      List<String> conflicts = existing.get().settings().conflicts(config.chain());
      if (!conflicts.isEmpty()) {
        throw new IllegalStateException(String.join("; ", conflicts));
      }
      LOG.info(
          "Reopening the devnet in {} (L2 genesis {})",
          dir.root(),
          existing.get().l2GenesisHash().toHex());
      return existing.get();
    }
    // A second ago, as the L2 genesis shares the time: the first L2 block is then due at once.
    long t0 = System.currentTimeMillis() / 1000 - 1;
    long started = System.nanoTime();
    ChainFiles files = DevnetGenesis.build(config.chain(), t0);
    dir.write(files);
    LOG.info(
        "Created the devnet's chains in {} ms (L1 genesis {}, L2 genesis {})",
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        files.l1GenesisHash().toHex(),
        files.l2GenesisHash().toHex());
    return files;
  }

  /** The WebSocket URL of a server that serves both transports on one port. */
  private static URI webSocket(URI http) {
    return URI.create("ws://" + http.getHost() + ":" + http.getPort() + "/");
  }

  /** The start banner: endpoints, contracts, accounts and keys. */
  public List<String> banner() {
    return DevnetBanner.lines(info);
  }

  /** What {@code devnet.json} holds. */
  public DevnetInfo info() {
    return info;
  }

  /** Completes with the time from JVM start to the sequencer's first new L2 block. */
  public CompletableFuture<Duration> firstL2Block() {
    return clock.firstBlock();
  }

  /** The sequencer's L2 engine (its chain, for tests and the benchmark). */
  public ExecutionNode sequencerEngine() {
    return sequencerEngine;
  }

  public Optional<ExecutionNode> verifierEngine() {
    return verifierEngine;
  }

  /** Stops every component, the last started first, then releases the data directory. */
  @Override
  public void close() {
    LOG.info("Stopping the devnet");
    resources.close();
  }
}
