package io.merapi.cli;

import io.merapi.base.rlp.RlpException;
import io.merapi.base.uint.UInt256;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainFile;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.ImportResult;
import io.merapi.execution.chain.UnknownBlockException;
import io.merapi.execution.dev.DevBanner;
import io.merapi.execution.dev.DevConfig;
import io.merapi.execution.node.ExecutionNode;
import io.merapi.execution.node.ExecutionNodeConfig;
import io.merapi.execution.txpool.TxPoolConfig;
import io.merapi.rpc.jwt.JwtSecret;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.state.store.MissingStateException;
import io.merapi.storage.RocksDbKeyValueStore;
import io.merapi.storage.StorageException;
import io.merapi.types.block.Block;
import io.merapi.types.config.Genesis;
import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code merapi execution}: the execution engine node and its chain set-up tools. */
@Command(
    name = "execution",
    mixinStandardHelpOptions = true,
    description = "Execution engine node: L2 with OP rules, or an L1 dev chain with --dev.",
    subcommands = {
      ExecutionCommand.Init.class,
      ExecutionCommand.Import.class,
      ExecutionCommand.Export.class,
      ExecutionStatelessCommand.class
    })
public final class ExecutionCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--datadir",
      description =
          "Data directory: the chain database (chaindata) and the JWT secret (default:"
              + " ~/.merapi/execution).")
  Path datadir;

  @Option(
      names = "--genesis",
      paramLabel = "FILE",
      description =
          "geth-format genesis.json, written when the database is empty (like merapi execution"
              + " init); checked against the stored genesis otherwise.")
  Path genesis;

  @Option(names = "--networkid", description = "Network id for net_version (default: chain id).")
  Long networkId;

  @Option(names = "--http", description = "Enable the HTTP JSON-RPC server.")
  boolean http;

  @Option(names = "--http.addr", defaultValue = "127.0.0.1", description = "HTTP listen address.")
  String httpAddr;

  @Option(names = "--http.port", defaultValue = "8545", description = "HTTP port.")
  int httpPort;

  @Option(
      names = "--http.api",
      description =
          "Namespaces over HTTP (eth,net,web3,debug,txpool,personal,evm,anvil,hardhat; * for all;"
              + " default eth,net,web3, with --dev also personal,evm,anvil,hardhat).")
  String httpApi;

  @Option(
      names = "--http.corsdomain",
      defaultValue = "",
      description = "Comma-separated origins allowed by CORS (* for any).")
  String httpCors;

  @Option(
      names = "--http.vhosts",
      defaultValue = "localhost",
      description = "Comma-separated accepted Host headers (* for any).")
  String httpVhosts;

  @Option(names = "--ws", description = "Enable the WebSocket JSON-RPC server.")
  boolean ws;

  @Option(names = "--ws.addr", defaultValue = "127.0.0.1", description = "WebSocket address.")
  String wsAddr;

  @Option(names = "--ws.port", defaultValue = "8546", description = "WebSocket port.")
  int wsPort;

  @Option(names = "--ws.api", description = "Namespaces over WebSocket (default as --http.api).")
  String wsApi;

  @Option(
      names = "--ws.origins",
      defaultValue = "",
      description = "Comma-separated accepted Origin headers of WebSocket upgrades (* for any).")
  String wsOrigins;

  @Option(
      names = "--authrpc.addr",
      defaultValue = "127.0.0.1",
      description = "Engine API listen address.")
  String authAddr;

  @Option(names = "--authrpc.port", defaultValue = "8551", description = "Engine API port.")
  int authPort;

  @Option(
      names = "--authrpc.jwtsecret",
      paramLabel = "FILE",
      description = "Hex JWT secret for the Engine API (default: <datadir>/jwtsecret, created).")
  Path jwtSecret;

  @Option(
      names = "--authrpc.vhosts",
      defaultValue = "localhost",
      description = "Accepted Host headers of the Engine API.")
  String authVhosts;

  @Option(names = "--metrics", description = "Serve Prometheus metrics at /metrics.")
  boolean metrics;

  @Option(names = "--metrics.addr", defaultValue = "127.0.0.1", description = "Metrics address.")
  String metricsAddr;

  @Option(names = "--metrics.port", defaultValue = "6060", description = "Metrics port.")
  int metricsPort;

  @Option(
      names = "--dev",
      description =
          "Single-node development chain (L1) with ten funded accounts; serves HTTP and WebSocket"
              + " JSON-RPC without --http/--ws (default datadir: ~/.merapi/dev).")
  boolean dev;

  @Option(
      names = "--dev.period",
      defaultValue = "0",
      description = "Seconds between dev blocks (0: a block per transaction).")
  long devPeriod;

  @Option(
      names = "--dev.safe-depth",
      defaultValue = "8",
      description = "Blocks the dev chain's safe block trails the head (0: each block at once).")
  int devSafeDepth;

  @Option(
      names = "--dev.finalized-depth",
      defaultValue = "16",
      description =
          "Blocks the dev chain's finalized block trails the head, at least --dev.safe-depth"
              + " (0: each block at once).")
  int devFinalizedDepth;

  @Option(
      names = "--dev.beacon",
      arity = "1",
      defaultValue = "true",
      description =
          "Serve a beacon API (genesis, spec, blob sidecars and blobs) for the dev chain's blocks,"
              + " one slot per block (--dev.beacon=false: off).")
  boolean devBeacon;

  @Option(
      names = "--dev.beacon.addr",
      defaultValue = "127.0.0.1",
      description = "Dev beacon API address.")
  String devBeaconAddr;

  @Option(
      names = "--dev.beacon.port",
      defaultValue = "5052",
      description = "Dev beacon API port (0: a free port).")
  int devBeaconPort;

  @Option(
      names = "--rpc.gascap",
      defaultValue = "50000000",
      description = "Most gas eth_call and eth_estimateGas may use (0: no cap).")
  long gasCap;

  @Option(
      names = "--rpc.txfeecap",
      defaultValue = "1",
      description = "Most fee, in ether, a transaction sent over RPC may pay (0: no cap).")
  BigDecimal txFeeCap;

  @Option(
      names = "--rpc.evmtimeout",
      defaultValue = "5s",
      description = "How long eth_call may run (e.g. 5s, 500ms; 0 for no limit).")
  String evmTimeout;

  @Option(
      names = "--rpc.logs.maxblockrange",
      defaultValue = "1000000",
      description = "Most blocks one eth_getLogs may span (0: no limit).")
  long logBlockRange;

  @Option(
      names = "--rpc.logs.maxresults",
      defaultValue = "100000",
      description = "Most logs one eth_getLogs may return.")
  int logResults;

  @Option(
      names = "--rpc.allow-unprotected-txs",
      description = "Accept legacy transactions signed without a chain id (EIP-155) over RPC.")
  boolean allowUnprotectedTxs;

  @Option(
      names = "--txpool.pricelimit",
      defaultValue = "1",
      description = "Lowest tip (wei per gas) the pool accepts.")
  long poolPriceLimit;

  @Option(
      names = "--txpool.pricebump",
      defaultValue = "10",
      description = "Percent both fee caps of a replacement must exceed the replaced one's.")
  int poolPriceBump;

  @Option(
      names = "--txpool.accountslots",
      defaultValue = "16",
      description = "Executable transactions guaranteed per account.")
  int poolAccountSlots;

  @Option(
      names = "--txpool.globalslots",
      defaultValue = "5120",
      description = "Executable transactions of all accounts.")
  int poolGlobalSlots;

  @Option(
      names = "--txpool.accountqueue",
      defaultValue = "64",
      description = "Non-executable transactions per account.")
  int poolAccountQueue;

  @Option(
      names = "--txpool.globalqueue",
      defaultValue = "1024",
      description = "Non-executable transactions of all accounts.")
  int poolGlobalQueue;

  @Option(
      names = "--txpool.lifetime",
      defaultValue = "3h",
      description = "How long non-executable transactions wait (e.g. 3h, 30m).")
  String poolLifetime;

  @Option(
      names = "--gcmode",
      defaultValue = "archive",
      description = "State kept: archive (every block's state; the only mode so far).")
  String gcMode;

  /** The default data directory, like geth's ~/.ethereum. */
  static Path defaultDatadir() {
    return Path.of(System.getProperty("user.home"), ".merapi", "execution");
  }

  @Override
  public Integer call() throws InterruptedException {
    if (!gcMode.equals("archive")) {
      throw new CommandFailure(
          "--gcmode " + gcMode + " is not supported: this node keeps every state (archive)");
    }
    ExecutionNodeConfig config = config();
    ExecutionNode node;
    try {
      node = ExecutionNode.start(config);
    } catch (IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new CommandFailure(e.getMessage());
    } catch (StorageException e) {
      throw new CommandFailure(e.getMessage());
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              node.close();
              stopped.countDown();
            },
            "shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    PrintWriter out = spec.commandLine().getOut();
    if (node.dev().isPresent()) {
      DevBanner.lines(node.dev().get(), endpoints(node)).forEach(out::println);
    } else {
      out.println("Merapi execution node, chain " + node.chain().config().chainId());
      out.println("  head         " + describe(node.chain().head()));
      endpoints(node).forEach(e -> out.printf("  %-12s %s%n", e.name(), e.url()));
    }
    out.flush();
    stopped.await();
    return 0;
  }

  private static List<DevBanner.Endpoint> endpoints(ExecutionNode node) {
    List<DevBanner.Endpoint> endpoints = new ArrayList<>();
    node.httpUri().ifPresent(u -> endpoints.add(new DevBanner.Endpoint("HTTP", u.toString())));
    node.webSocketUri()
        .ifPresent(u -> endpoints.add(new DevBanner.Endpoint("WebSocket", u.toString())));
    node.authRpcUri()
        .ifPresent(u -> endpoints.add(new DevBanner.Endpoint("Engine API", u + " (JWT)")));
    node.metricsUri()
        .ifPresent(u -> endpoints.add(new DevBanner.Endpoint("Metrics", u.toString())));
    node.beaconUri()
        .ifPresent(u -> endpoints.add(new DevBanner.Endpoint("Beacon API", u.toString())));
    return endpoints;
  }

  private ExecutionNodeConfig.DevSettings devSettings() {
    try {
      return new ExecutionNodeConfig.DevSettings(
          devPeriod,
          devSafeDepth,
          devFinalizedDepth,
          devBeacon
              ? Optional.of(new ExecutionNodeConfig.BeaconEndpoint(devBeaconAddr, devBeaconPort))
              : Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("invalid --dev settings: " + e.getMessage());
    }
  }

  /**
   * The namespaces served when none are named: geth's, and on the dev chain also the ones its
   * signing and test methods live in (anvil and Hardhat serve them without being asked).
   */
  private String apiOrDefault(String api) {
    if (api != null) {
      return api;
    }
    return dev ? "eth,net,web3,personal,evm,anvil,hardhat" : "eth,net,web3";
  }

  ExecutionNodeConfig config() {
    Path dir = datadir != null ? datadir : dev ? DevConfig.defaultDataDir() : defaultDatadir();
    // A dev chain is for wallets and scripts: it serves JSON-RPC without being asked to.
    boolean http = this.http || dev;
    boolean ws = this.ws || dev;
    ExecutionNodeConfig.Builder builder = ExecutionNodeConfig.builder().datadir(dir);
    if (genesis != null) {
      builder.genesis(GenesisCommand.read(genesis));
    }
    builder.http(
        http
            ? Optional.of(
                RpcServerConfig.httpDefaults()
                    .withHost(httpAddr)
                    .withPort(httpPort)
                    .withModules(Set.copyOf(list(apiOrDefault(httpApi))))
                    .withCorsDomains(list(httpCors))
                    .withVirtualHosts(list(httpVhosts)))
            : Optional.empty());
    builder.ws(
        ws
            ? Optional.of(
                RpcServerConfig.webSocketDefaults()
                    .withHost(wsAddr)
                    .withPort(wsPort)
                    .withModules(Set.copyOf(list(apiOrDefault(wsApi))))
                    .withWebSocketOrigins(list(wsOrigins)))
            : Optional.empty());
    builder.authRpc(
        Optional.of(
            RpcServerConfig.engineApi(JwtSecret.generate())
                .withHost(authAddr)
                .withPort(authPort)
                .withVirtualHosts(list(authVhosts))));
    builder.jwtSecret(Optional.ofNullable(jwtSecret));
    builder.metrics(
        metrics
            ? Optional.of(new ExecutionNodeConfig.MetricsEndpoint(metricsAddr, metricsPort))
            : Optional.empty());
    builder.networkId(networkId == null ? OptionalLong.empty() : OptionalLong.of(networkId));
    builder.rpc(
        new ExecutionNodeConfig.RpcSettings(
            gasCap,
            txFeeCap.movePointRight(18).toBigInteger(),
            duration(evmTimeout),
            logBlockRange,
            logResults));
    builder.dev(dev ? Optional.of(devSettings()) : Optional.empty());
    builder.allowUnprotectedTxs(allowUnprotectedTxs);
    if (poolPriceLimit < 0) {
      throw new CommandFailure("invalid --txpool.pricelimit: must not be negative");
    }
    try {
      builder.txPool(
          TxPoolConfig.defaults()
              .withPriceLimit(UInt256.valueOf(poolPriceLimit))
              .withPriceBump(poolPriceBump)
              .withSlots(poolAccountSlots, poolGlobalSlots, poolAccountQueue, poolGlobalQueue)
              .withLifetime(duration(poolLifetime)));
    } catch (IllegalArgumentException e) {
      throw new CommandFailure("invalid --txpool setting: " + e.getMessage());
    }
    return builder.build();
  }

  private static List<String> list(String csv) {
    return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  /** Go-style durations: 5s, 500ms, 1m, 3h, 0. */
  static Duration duration(String text) {
    String t = text.trim();
    try {
      if (t.equals("0")) {
        return Duration.ZERO;
      }
      if (t.endsWith("ms")) {
        return Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
      }
      if (t.endsWith("s")) {
        return Duration.ofMillis(
            Math.round(Double.parseDouble(t.substring(0, t.length() - 1)) * 1000));
      }
      if (t.endsWith("m")) {
        return Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
      }
      if (t.endsWith("h")) {
        return Duration.ofHours(Long.parseLong(t.substring(0, t.length() - 1)));
      }
    } catch (NumberFormatException e) {
      // fall through to the error below
    }
    throw new CommandFailure("invalid duration " + text + " (use e.g. 5s, 500ms, 1m)");
  }

  static RocksDbKeyValueStore openStore(Path datadir) {
    try {
      return RocksDbKeyValueStore.open(ExecutionNode.chainData(datadir));
    } catch (StorageException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  static Blockchain openChain(RocksDbKeyValueStore store) {
    try {
      return Blockchain.open(store);
    } catch (IllegalStateException | IllegalArgumentException | UnsupportedOperationException e) {
      throw new CommandFailure(e.getMessage());
    }
  }

  static String describe(ChainHead block) {
    return "#" + block.number() + " " + block.hash();
  }

  @Command(
      name = "init",
      mixinStandardHelpOptions = true,
      description = "Write the genesis block and state of GENESIS.json (geth init).")
  static final class Init implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--datadir", required = true, description = "Data directory.")
    Path datadir;

    @Parameters(index = "0", paramLabel = "GENESIS", description = "geth-format genesis.json.")
    Path genesisFile;

    @Override
    public Integer call() {
      Genesis genesis = GenesisCommand.read(genesisFile);
      try (RocksDbKeyValueStore store = openStore(datadir)) {
        Blockchain chain;
        try {
          chain = Blockchain.initialize(store, genesis);
        } catch (IllegalStateException
            | IllegalArgumentException
            | UnsupportedOperationException e) {
          throw new CommandFailure(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "Successfully wrote genesis state: block "
                + describe(chain.genesis())
                + ", state root "
                + chain.genesis().header().stateRoot());
        out.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description =
          "Import concatenated RLP blocks, validating and executing each; the last becomes head"
              + " (geth import).")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--datadir", required = true, description = "Data directory.")
    Path datadir;

    @Parameters(arity = "1..*", paramLabel = "CHAIN.rlp", description = "Files of RLP blocks.")
    List<Path> files;

    @Override
    public Integer call() {
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter out = spec.commandLine().getOut();
      try (RocksDbKeyValueStore store = openStore(datadir)) {
        Blockchain chain = openChain(store);
        long started = System.nanoTime();
        long imported = 0;
        long known = 0;
        long gas = 0;
        long txs = 0;
        Optional<ChainHead> last = Optional.empty();
        for (Path file : files) {
          try (ChainFile.Reader reader = new ChainFile.Reader(file)) {
            Optional<Block> next;
            while ((next = reader.next()).isPresent()) {
              Block block = next.get();
              if (chain.contains(block.hash())) {
                known++;
                last = Optional.of(new ChainHead(block.hash(), block.header()));
                continue;
              }
              ImportResult result;
              try {
                result = chain.importBlockAsHead(block);
              } catch (InvalidBlockException | UnknownBlockException | MissingStateException e) {
                throw new CommandFailure(
                    "import failed at block #" + block.number() + ": " + e.getMessage());
              }
              last = Optional.of(result.block());
              imported++;
              gas += block.header().gasUsed();
              txs += block.transactions().size();
            }
          } catch (IOException | RlpException e) {
            throw new CommandFailure("cannot read " + file + ": " + e.getMessage());
          }
        }
        if (last.isPresent() && !chain.head().hash().equals(last.get().hash())) {
          chain.setHead(last.get().hash());
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        err.printf(
            "Imported %d blocks (%d already known), %d transactions, %d gas in %.2f s (%.1f"
                + " Mgas/s)%n",
            imported, known, txs, gas, seconds, gas / seconds / 1e6);
        out.println("head " + describe(chain.head()));
        out.flush();
        err.flush();
      }
      return 0;
    }
  }

  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Write the canonical chain (from genesis, or FIRST to LAST) as concatenated RLP blocks"
              + " (geth export).")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--datadir", required = true, description = "Data directory.")
    Path datadir;

    @Parameters(index = "0", paramLabel = "FILE", description = "Where to write the blocks.")
    Path file;

    @Parameters(index = "1", arity = "0..1", paramLabel = "FIRST", description = "First block.")
    Long first;

    @Parameters(index = "2", arity = "0..1", paramLabel = "LAST", description = "Last block.")
    Long last;

    @Override
    public Integer call() {
      try (RocksDbKeyValueStore store = openStore(datadir)) {
        Blockchain chain = openChain(store);
        long from = first == null ? chain.genesis().number() : first;
        long to = last == null ? chain.head().number() : last;
        if (from > to || to > chain.head().number()) {
          throw new CommandFailure(
              "no canonical blocks "
                  + from
                  + " to "
                  + to
                  + " (head is "
                  + chain.head().number()
                  + ")");
        }
        try (ChainFile.Writer writer = new ChainFile.Writer(file)) {
          for (long n = from; n <= to; n++) {
            long number = n;
            writer.write(
                chain
                    .block(number)
                    .orElseThrow(
                        () -> new CommandFailure("canonical block " + number + " missing")));
          }
        } catch (IOException e) {
          throw new CommandFailure("cannot write " + file + ": " + e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Exported blocks " + from + " to " + to + " to " + file);
        out.flush();
      }
      return 0;
    }
  }
}
