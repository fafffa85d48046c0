package io.merapi.execution.node;

import io.merapi.execution.dev.FinalitySchedule;
import io.merapi.execution.txpool.TxPoolConfig;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.storage.RocksDbConfig;
import io.merapi.types.config.Genesis;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Everything {@code merapi execution} is told, in geth's terms.
 *
 * @param datadir where the chain database lives ({@code <datadir>/chaindata}); empty keeps the
 *     chain in memory (tests)
 * @param genesis written when the database is empty; a database holding another genesis refuses to
 *     start
 * @param http the HTTP JSON-RPC server ({@code --http}), if enabled
 * @param ws the WebSocket JSON-RPC server ({@code --ws}), if enabled; on the HTTP server's port
 *     when both name the same host and port
 * @param authRpc the authenticated server for the consensus client ({@code --authrpc.*}); its JWT
 *     secret comes from {@code jwtSecret}
 * @param jwtSecret the secret file ({@code --authrpc.jwtsecret}); empty: {@code
 *     <datadir>/jwtsecret}, created if missing (in memory: a fresh random secret)
 * @param metrics where {@code /metrics} is served ({@code --metrics}), if enabled
 * @param networkId {@code net_version}; the chain id when empty
 * @param rpc limits of the user-facing methods
 * @param dev {@code --dev}: the single-node development chain
 * @param txPool the transaction pool's limits ({@code --txpool.*})
 * @param allowUnprotectedTxs whether {@code eth_sendRawTransaction} takes legacy transactions
 *     signed without a chain id ({@code --rpc.allow-unprotected-txs}); refused by default, as geth
 * @param storage how the RocksDB of a {@code datadir} is sized: the default is for one node per
 *     machine; several nodes in one process (a devnet) take smaller ones
 * @param name what this node's threads are called after ({@code l1-payload-builder}), empty for a
 *     node alone in its process: in a devnet's one log, three engines' lines must be told apart
 */
public record ExecutionNodeConfig(
    Optional<Path> datadir,
    Optional<Genesis> genesis,
    Optional<RpcServerConfig> http,
    Optional<RpcServerConfig> ws,
    Optional<RpcServerConfig> authRpc,
    Optional<Path> jwtSecret,
    Optional<MetricsEndpoint> metrics,
    OptionalLong networkId,
    RpcSettings rpc,
    Optional<DevSettings> dev,
    TxPoolConfig txPool,
    boolean allowUnprotectedTxs,
    RocksDbConfig storage,
    String name) {

  public ExecutionNodeConfig {
    Objects.requireNonNull(datadir);
    Objects.requireNonNull(genesis);
    Objects.requireNonNull(http);
    Objects.requireNonNull(ws);
    Objects.requireNonNull(authRpc);
    Objects.requireNonNull(jwtSecret);
    Objects.requireNonNull(metrics);
    Objects.requireNonNull(networkId);
    Objects.requireNonNull(rpc);
    Objects.requireNonNull(dev);
    Objects.requireNonNull(txPool);
    Objects.requireNonNull(storage);
    Objects.requireNonNull(name);
  }

  /** The name of one of this node's threads: {@code role}, after the node's name if it has one. */
  public String threadName(String role) {
    return name.isEmpty() ? role : name + "-" + role;
  }

  /** {@code --metrics.addr} and {@code --metrics.port} (geth: 127.0.0.1:6060). */
  public record MetricsEndpoint(String host, int port) {
    public static final MetricsEndpoint DEFAULT = new MetricsEndpoint("127.0.0.1", 6060);
  }

  /**
   * @param gasCap {@code --rpc.gascap}: most gas a call or estimate may use (0: no cap)
   * @param txFeeCapWei {@code --rpc.txfeecap} in wei: most fee a sent transaction may pay (0: no
   *     cap)
   * @param evmTimeout {@code --rpc.evmtimeout}: how long one call may run (zero: no limit)
   * @param logBlockRange most blocks one {@code eth_getLogs} may span (0: no limit)
   * @param logResults most logs one query may return
   */
  public record RpcSettings(
      long gasCap,
      java.math.BigInteger txFeeCapWei,
      Duration evmTimeout,
      long logBlockRange,
      int logResults) {
    /** geth's defaults: 50M gas, 1 ether, 5 s; log limits of this node. */
    public static final RpcSettings DEFAULT =
        new RpcSettings(
            50_000_000L,
            java.math.BigInteger.TEN.pow(18),
            Duration.ofSeconds(5),
            1_000_000L,
            100_000);
  }

  /**
   * {@code --dev} and its settings.
   *
   * @param periodSeconds {@code --dev.period}: seconds between blocks (0 seals a block for each
   *     transaction); also the beacon API's slot time (1 when 0)
   * @param safeDepth {@code --dev.safe-depth}: blocks between the head and the safe block (0: the
   *     head itself)
   * @param finalizedDepth {@code --dev.finalized-depth}: blocks between the head and the finalized
   *     block, at least {@code safeDepth}
   * @param beacon where the beacon API is served ({@code --dev.beacon.addr}, {@code
   *     --dev.beacon.port}); empty: not served
   */
  public record DevSettings(
      long periodSeconds, int safeDepth, int finalizedDepth, Optional<BeaconEndpoint> beacon) {
    public DevSettings {
      Objects.requireNonNull(beacon);
      new FinalitySchedule(safeDepth, finalizedDepth); // checks the depths
    }

    /**
     * A dev chain with the default safe and finalized depths and the beacon API on a free loopback
     * port (for tests and embedding: nothing fixed to collide with).
     */
    public DevSettings(long periodSeconds) {
      this(
          periodSeconds,
          FinalitySchedule.DEFAULT.safeDepth(),
          FinalitySchedule.DEFAULT.finalizedDepth(),
          Optional.of(new BeaconEndpoint("127.0.0.1", 0)));
    }

    public FinalitySchedule finality() {
      return new FinalitySchedule(safeDepth, finalizedDepth);
    }
  }

  /**
   * Where the dev chain's beacon API listens (beacon nodes: 127.0.0.1:5052; port 0: a free one).
   */
  public record BeaconEndpoint(String host, int port) {
    public static final BeaconEndpoint DEFAULT = new BeaconEndpoint("127.0.0.1", 5052);

    public BeaconEndpoint {
      Objects.requireNonNull(host);
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("beacon API port out of range: " + port);
      }
    }
  }

  /** A node on {@code datadir} with geth's defaults: HTTP on 8545 only, no WebSocket. */
  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private Optional<Path> datadir = Optional.empty();
    private Optional<Genesis> genesis = Optional.empty();
    private Optional<RpcServerConfig> http = Optional.of(RpcServerConfig.httpDefaults());
    private Optional<RpcServerConfig> ws = Optional.empty();
    private Optional<RpcServerConfig> authRpc = Optional.empty();
    private Optional<Path> jwtSecret = Optional.empty();
    private Optional<MetricsEndpoint> metrics = Optional.empty();
    private OptionalLong networkId = OptionalLong.empty();
    private RpcSettings rpc = RpcSettings.DEFAULT;
    private Optional<DevSettings> dev = Optional.empty();
    private TxPoolConfig txPool = TxPoolConfig.defaults();
    private boolean allowUnprotectedTxs;
    private RocksDbConfig storage = RocksDbConfig.defaults();
    private String name = "";

    private Builder() {}

    public Builder datadir(Path value) {
      datadir = Optional.of(value);
      return this;
    }

    public Builder inMemory() {
      datadir = Optional.empty();
      return this;
    }

    public Builder genesis(Genesis value) {
      genesis = Optional.of(value);
      return this;
    }

    public Builder http(Optional<RpcServerConfig> value) {
      http = value;
      return this;
    }

    public Builder ws(Optional<RpcServerConfig> value) {
      ws = value;
      return this;
    }

    public Builder authRpc(Optional<RpcServerConfig> value) {
      authRpc = value;
      return this;
    }

    public Builder jwtSecret(Optional<Path> value) {
      jwtSecret = value;
      return this;
    }

    public Builder metrics(Optional<MetricsEndpoint> value) {
      metrics = value;
      return this;
    }

    public Builder networkId(OptionalLong value) {
      networkId = value;
      return this;
    }

    public Builder rpc(RpcSettings value) {
      rpc = value;
      return this;
    }

    public Builder dev(Optional<DevSettings> value) {
      dev = value;
      return this;
    }

    public Builder txPool(TxPoolConfig value) {
      txPool = value;
      return this;
    }

    public Builder allowUnprotectedTxs(boolean value) {
      allowUnprotectedTxs = value;
      return this;
    }

    public Builder storage(RocksDbConfig value) {
      storage = value;
      return this;
    }

    public Builder name(String value) {
      name = value;
      return this;
    }

    public ExecutionNodeConfig build() {
      return new ExecutionNodeConfig(
          datadir,
          genesis,
          http,
          ws,
          authRpc,
          jwtSecret,
          metrics,
          networkId,
          rpc,
          dev,
          txPool,
          allowUnprotectedTxs,
          storage,
          name);
    }
  }
}
