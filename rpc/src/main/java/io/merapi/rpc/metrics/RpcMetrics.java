package io.merapi.rpc.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What a server records: per-method call latency and outcome, refused HTTP requests by reason, and
 * WebSocket connections. Meters carry a {@code server} tag (the config's name) so that the HTTP,
 * WebSocket and Engine API servers of one node can share a registry. Only registered method names
 * become tags: an unknown name sent by a client never creates a meter.
 */
public sealed interface RpcMetrics {
  /** Latency buckets for the histogram, around what a JSON-RPC call takes. */
  Duration[] BUCKETS = {
    Duration.ofNanos(250_000),
    Duration.ofNanos(500_000),
    Duration.ofMillis(1),
    Duration.ofMillis(2),
    Duration.ofMillis(5),
    Duration.ofMillis(10),
    Duration.ofMillis(25),
    Duration.ofMillis(50),
    Duration.ofMillis(100),
    Duration.ofMillis(250),
    Duration.ofMillis(500),
    Duration.ofSeconds(1),
    Duration.ofSeconds(5),
    Duration.ofSeconds(10),
  };

  static RpcMetrics disabled() {
    return Disabled.INSTANCE;
  }

  static RpcMetrics of(MeterRegistry registry, String server) {
    return new Recording(registry, server);
  }

  /** The recorder of one registered method. */
  MethodMetrics method(String name);

  void refused(String reason);

  void webSocketOpened();

  void webSocketClosed();

  /** A WebSocket client was dropped because it did not read its notifications. */
  void slowClientDropped();

  @FunctionalInterface
  interface MethodMetrics {
    void record(long nanos, boolean success);
  }

  final class Disabled implements RpcMetrics {
    private static final Disabled INSTANCE = new Disabled();
    private static final MethodMetrics NONE = (nanos, success) -> {};

    private Disabled() {}

    @Override
    public MethodMetrics method(String name) {
      return NONE;
    }

    @Override
    public void refused(String reason) {}

    @Override
    public void webSocketOpened() {}

    @Override
    public void webSocketClosed() {}

    @Override
    public void slowClientDropped() {}
  }

  final class Recording implements RpcMetrics {
    private final MeterRegistry registry;
    private final String server;
    private final Map<String, MethodMetrics> methods = new ConcurrentHashMap<>();
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();
    private final AtomicInteger webSockets = new AtomicInteger();
    private final Counter dropped;

    private Recording(MeterRegistry registry, String server) {
      this.registry = registry;
      this.server = server;
      Gauge.builder("rpc.websocket.connections", webSockets, AtomicInteger::get)
          .description("Open WebSocket connections")
          .tag("server", server)
          .register(registry);
      dropped =
          Counter.builder("rpc.websocket.dropped")
              .description("WebSocket clients dropped for not reading their notifications")
              .tag("server", server)
              .register(registry);
    }

    @Override
    public MethodMetrics method(String name) {
      return methods.computeIfAbsent(name, this::timers);
    }

    private MethodMetrics timers(String name) {
      Timer success = timer(name, "true");
      Timer failure = timer(name, "false");
      return (nanos, ok) ->
          (ok ? success : failure).record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    private Timer timer(String method, String success) {
      return Timer.builder("rpc.requests")
          .description("JSON-RPC calls served, by method and outcome")
          .tags("server", server, "method", method, "success", success)
          .serviceLevelObjectives(BUCKETS)
          .register(registry);
    }

    @Override
    public void refused(String reason) {
      refusals
          .computeIfAbsent(
              reason,
              r ->
                  Counter.builder("rpc.http.refused")
                      .description("HTTP requests refused before JSON-RPC, by reason")
                      .tags("server", server, "reason", r)
                      .register(registry))
          .increment();
    }

    @Override
    public void webSocketOpened() {
      webSockets.incrementAndGet();
    }

    @Override
    public void webSocketClosed() {
      webSockets.decrementAndGet();
    }

    @Override
    public void slowClientDropped() {
      dropped.increment();
    }
  }
}
