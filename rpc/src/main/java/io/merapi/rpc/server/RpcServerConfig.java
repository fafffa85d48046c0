package io.merapi.rpc.server;

import io.merapi.rpc.jwt.JwtSecret;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One listening socket serving JSON-RPC over HTTP, WebSocket or both, in geth's terms.
 *
 * @param name what logs and metrics call this server ({@code http}, {@code ws}, {@code authrpc})
 * @param host interface to bind; loopback unless the operator says otherwise
 * @param port TCP port; 0 binds an ephemeral one (see {@link RpcServer#port})
 * @param modules namespaces exposed ({@code eth}, {@code net}, ...); {@code "*"} exposes all
 * @param corsDomains origins allowed by CORS ({@code --http.corsdomain}); empty disables CORS
 * @param virtualHosts accepted Host header names ({@code --http.vhosts}); {@code "*"} accepts any;
 *     IP addresses are always accepted
 * @param webSocketOrigins accepted Origin headers of WebSocket upgrades ({@code --ws.origins});
 *     empty means {@code http://localhost} and this machine's host name, as in geth
 * @param jwtSecret when present, every request and upgrade needs a valid Engine API token
 * @param eventLoops I/O threads accepting and serving connections
 * @param workerThreads threads running blocking methods
 */
public record RpcServerConfig(
    String name,
    String host,
    int port,
    boolean http,
    boolean webSocket,
    Set<String> modules,
    List<String> corsDomains,
    List<String> virtualHosts,
    List<String> webSocketOrigins,
    Optional<JwtSecret> jwtSecret,
    RpcLimits limits,
    int eventLoops,
    int workerThreads) {
  public static final String ALL_MODULES = "*";

  public RpcServerConfig {
    Objects.requireNonNull(name);
    Objects.requireNonNull(host);
    modules = Set.copyOf(modules);
    corsDomains = List.copyOf(corsDomains);
    virtualHosts = List.copyOf(virtualHosts);
    webSocketOrigins = List.copyOf(webSocketOrigins);
    Objects.requireNonNull(jwtSecret);
    Objects.requireNonNull(limits);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
    if (!http && !webSocket) {
      throw new IllegalArgumentException(name + ": neither HTTP nor WebSocket enabled");
    }
    if (eventLoops < 1 || workerThreads < 1) {
      throw new IllegalArgumentException(name + ": need at least one event loop and worker");
    }
  }

  /** geth's public HTTP server: port 8545 on loopback, Host header {@code localhost}. */
  public static RpcServerConfig httpDefaults() {
    return new RpcServerConfig(
        "http",
        "127.0.0.1",
        8545,
        true,
        false,
        Set.of(ALL_MODULES),
        List.of(),
        List.of("localhost"),
        List.of(),
        Optional.empty(),
        RpcLimits.defaults(),
        defaultEventLoops(),
        defaultWorkers());
  }

  /** geth's WebSocket server: port 8546 on loopback. */
  public static RpcServerConfig webSocketDefaults() {
    return httpDefaults().withName("ws").withPort(8546).withTransports(false, true);
  }

  /**
   * geth's authenticated server ({@code --authrpc.*}): port 8551, HTTP and WebSocket, the {@code
   * eth} and {@code engine} namespaces, JWT required, the larger Engine API limits.
   */
  public static RpcServerConfig engineApi(JwtSecret secret) {
    return new RpcServerConfig(
        "authrpc",
        "127.0.0.1",
        8551,
        true,
        true,
        Set.of("eth", "engine"),
        List.of(),
        List.of("localhost"),
        List.of(),
        Optional.of(secret),
        RpcLimits.engineApi(),
        defaultEventLoops(),
        defaultWorkers());
  }

  static int defaultEventLoops() {
    return Math.max(1, Runtime.getRuntime().availableProcessors());
  }

  static int defaultWorkers() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }

  public boolean exposes(String namespace) {
    return modules.contains(ALL_MODULES) || modules.contains(namespace);
  }

  public RpcServerConfig withName(String name) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withHost(String host) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withPort(int port) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withTransports(boolean http, boolean webSocket) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withModules(Set<String> modules) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withCorsDomains(List<String> corsDomains) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withVirtualHosts(List<String> virtualHosts) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withWebSocketOrigins(List<String> origins) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        origins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withJwtSecret(Optional<JwtSecret> secret) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        secret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withLimits(RpcLimits limits) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }

  public RpcServerConfig withThreads(int eventLoops, int workerThreads) {
    return new RpcServerConfig(
        name,
        host,
        port,
        http,
        webSocket,
        modules,
        corsDomains,
        virtualHosts,
        webSocketOrigins,
        jwtSecret,
        limits,
        eventLoops,
        workerThreads);
  }
}
