package io.merapi.rpc.server;

import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.jwt.Jwt;
import io.merapi.rpc.metrics.PrometheusEndpoint;
import io.merapi.rpc.metrics.RpcMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.AbstractVerticle;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Handler;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A JSON-RPC server on one port (Vert.x): HTTP, WebSocket or both, as its {@link RpcServerConfig}
 * says. Each event loop runs its own listener on the shared port; blocking methods run on the
 * server's worker pool. {@link #start} binds and {@link #stop} releases the port.
 */
public final class RpcServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RpcServer.class);

  /** geth's idle timeout for HTTP keep-alive connections. */
  static final int IDLE_TIMEOUT_SECONDS = 120;

  /** Distinct negative ports, one per server started on port 0 (see {@link #start}). */
  private static final AtomicInteger EPHEMERAL_KEYS = new AtomicInteger();

  private final RpcServerConfig config;
  private final RpcMethods methods;
  private final RpcMetrics metrics;
  private final Map<String, Handler<HttpServerRequest>> routes;
  private final Optional<Vertx> sharedVertx;
  private final Clock clock;

  private Vertx vertx;
  private ExecutorService worker;
  private final List<String> deployments = new ArrayList<>();
  private int port = -1;

  private RpcServer(Builder builder) {
    this.config = builder.config;
    this.methods = builder.methods;
    this.metrics =
        builder.registry.map(r -> RpcMetrics.of(r, config.name())).orElse(RpcMetrics.disabled());
    this.routes = Map.copyOf(builder.routes);
    this.sharedVertx = builder.vertx;
    this.clock = builder.clock;
  }

  public static Builder builder(RpcServerConfig config) {
    return new Builder(config);
  }

  public RpcServerConfig config() {
    return config;
  }

  /** Binds the port and starts serving; returns when the port is bound. */
  public synchronized RpcServer start() {
    if (port >= 0) {
      throw new IllegalStateException(config.name() + " server already started");
    }
    vertx =
        sharedVertx.orElseGet(
            () -> Vertx.vertx(new VertxOptions().setEventLoopPoolSize(config.eventLoops())));
    worker = newWorkerPool(config);
    RpcProcessor processor = new RpcProcessor(methods, config, worker, metrics);
    HttpEntry entry =
        new HttpEntry(
            config,
            processor,
            worker,
            metrics,
            config.jwtSecret().map(secret -> new Jwt(secret, clock)),
            new OriginPolicy(config.webSocketOrigins(), hostName()),
            routes);
    try {
      // Each event loop listens on the same port; Vert.x shares one socket among them. Port 0 is
      // not shared by Vert.x, but a negative port is: a random port bound once for all listeners.
      int listenPort = config.port() == 0 ? -EPHEMERAL_KEYS.incrementAndGet() : config.port();
      AtomicInteger bound = new AtomicInteger();
      deploy(entry, listenPort, bound, config.eventLoops());
      port = bound.get();
    } catch (RuntimeException e) {
      stopQuietly();
      throw new IllegalStateException(
          config.name()
              + " server could not listen on "
              + config.host()
              + ":"
              + config.port()
              + ": "
              + rootMessage(e),
          e);
    }
    LOG.info(
        "{} server started: {}{}{} (auth: {}, modules: {})",
        config.name(),
        config.http() ? "http://" + endpoint() : "",
        config.http() && config.webSocket() ? ", " : "",
        config.webSocket() ? "ws://" + endpoint() : "",
        config.jwtSecret().isPresent(),
        config.modules());
    return this;
  }

  private void deploy(HttpEntry entry, int listenPort, AtomicInteger bound, int instances) {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.host())
            .setIdleTimeout(IDLE_TIMEOUT_SECONDS)
            .setIdleTimeoutUnit(TimeUnit.SECONDS)
            .setHandle100ContinueAutomatically(true)
            .setCompressionSupported(true)
            .setMaxWebSocketMessageSize(config.limits().webSocketMessageLimit())
            .setMaxWebSocketFrameSize(config.limits().webSocketMessageLimit());
    String id =
        vertx
            .deployVerticle(
                () ->
                    new Listener(new HttpServerOptions(options).setPort(listenPort), entry, bound),
                new DeploymentOptions().setInstances(instances))
            .toCompletionStage()
            .toCompletableFuture()
            .join();
    deployments.add(id);
  }

  /** The bound port (useful when configured as 0). */
  public synchronized int port() {
    if (port < 0) {
      throw new IllegalStateException(config.name() + " server is not running");
    }
    return port;
  }

  public URI httpUri() {
    return URI.create("http://" + endpoint() + "/");
  }

  public URI webSocketUri() {
    return URI.create("ws://" + endpoint() + "/");
  }

  private String endpoint() {
    String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
    return host + ":" + port();
  }

  /** Stops listening, closes open connections and releases the port. */
  public synchronized void stop() {
    if (port < 0 && vertx == null) {
      return;
    }
    stopQuietly();
    LOG.info("{} server stopped", config.name());
  }

  private void stopQuietly() {
    if (vertx != null) {
      for (String id : deployments) {
        try {
          vertx.undeploy(id).toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
          LOG.warn("{} server: undeploying a listener failed: {}", config.name(), e.toString());
        }
      }
      deployments.clear();
      if (sharedVertx.isEmpty()) {
        vertx.close().toCompletionStage().toCompletableFuture().join();
      }
      vertx = null;
    }
    if (worker != null) {
      worker.shutdownNow();
      worker = null;
    }
    port = -1;
  }

  @Override
  public void close() {
    stop();
  }

  private static ExecutorService newWorkerPool(RpcServerConfig config) {
    AtomicInteger count = new AtomicInteger();
    ThreadFactory threads =
        task -> {
          Thread thread =
              new Thread(task, config.name() + "-rpc-worker-" + count.incrementAndGet());
          thread.setDaemon(true);
          return thread;
        };
    return new ThreadPoolExecutor(
        config.workerThreads(),
        config.workerThreads(),
        60,
        TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(),
        threads);
  }

  private static Optional<String> hostName() {
    try {
      return Optional.of(InetAddress.getLocalHost().getHostName());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.toString();
  }

  /** One event loop's listener on the server's port. */
  private static final class Listener extends AbstractVerticle {
    private final HttpServerOptions options;
    private final HttpEntry entry;
    private final AtomicInteger bound;

    Listener(HttpServerOptions options, HttpEntry entry, AtomicInteger bound) {
      this.options = options;
      this.entry = entry;
      this.bound = bound;
    }

    @Override
    public void start(Promise<Void> started) {
      HttpServer server = vertx.createHttpServer(options);
      server
          .requestHandler(entry)
          .listen()
          .onSuccess(
              s -> {
                bound.set(s.actualPort());
                started.complete();
              })
          .onFailure(started::fail);
    }
  }

  public static final class Builder {
    private final RpcServerConfig config;
    private RpcMethods methods = new RpcMethods();
    private Optional<MeterRegistry> registry = Optional.empty();
    private final Map<String, Handler<HttpServerRequest>> routes = new LinkedHashMap<>();
    private Optional<Vertx> vertx = Optional.empty();
    private Clock clock = Clock.systemUTC();

    private Builder(RpcServerConfig config) {
      this.config = config;
    }

    public Builder methods(RpcMethods methods) {
      this.methods = methods;
      return this;
    }

    /**
     * Records per-method latency and outcomes, refusals and WebSocket counts in {@code registry}.
     */
    public Builder metrics(MeterRegistry registry) {
      this.registry = Optional.of(registry);
      return this;
    }

    /** Records into {@code registry} and serves it at {@code /metrics}. */
    public Builder prometheus(PrometheusMeterRegistry registry) {
      metrics(registry);
      return route("/metrics", new PrometheusEndpoint(registry));
    }

    /** Serves {@code path} with {@code handler}, after the JWT and Host checks. */
    public Builder route(String path, Handler<HttpServerRequest> handler) {
      if (!path.startsWith("/") || path.equals("/")) {
        throw new IllegalArgumentException("a route needs a path other than /: " + path);
      }
      routes.put(path, handler);
      return this;
    }

    /** Runs on a shared Vert.x instance instead of one of its own (closed on stop). */
    public Builder vertx(Vertx vertx) {
      this.vertx = Optional.of(vertx);
      return this;
    }

    /** The clock JWT {@code iat} is checked against. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public RpcServer build() {
      return new RpcServer(this);
    }

    /** Builds and starts. */
    public RpcServer start() {
      return build().start();
    }
  }
}
