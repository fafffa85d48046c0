package io.merapi.node.l1;

import io.merapi.node.client.LruCache;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The L1 source's meters, under op-node's names where it has them: cache size, lookups and
 * additions per type ({@code op_node_default_l1_source_cache_*}, op-service {@code CacheMetrics}),
 * and JSON-RPC requests and failed responses per method ({@code op_node_default_rpc_client_*}).
 */
final class L1SourceMetrics implements LruCache.Listener {
  static final String CACHE = "op_node_default_l1_source_cache";
  static final String RPC_REQUESTS = "op_node_default_rpc_client_requests";
  static final String RPC_ERRORS = "op_node_default_rpc_client_errors";

  private final MeterRegistry registry;
  private final Map<String, AtomicInteger> sizes = new ConcurrentHashMap<>();

  L1SourceMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void cacheGet(String type, boolean hit) {
    Counter.builder(CACHE + "_get")
        .description("L1 source cache lookups, hitting or not")
        .tag("type", type)
        .tag("hit", Boolean.toString(hit))
        .register(registry)
        .increment();
  }

  @Override
  public void cacheAdd(String type, int size, boolean evicted) {
    sizes
        .computeIfAbsent(
            type,
            t ->
                registry.gauge(
                    CACHE + "_size",
                    io.micrometer.core.instrument.Tags.of("type", t),
                    new AtomicInteger()))
        .set(size);
    Counter.builder(CACHE + "_add")
        .description("L1 source cache additions, evicting previous values or not")
        .tag("type", type)
        .tag("evicted", Boolean.toString(evicted))
        .register(registry)
        .increment();
  }

  void request(String method, int calls) {
    Counter.builder(RPC_REQUESTS)
        .description("JSON-RPC calls made to the L1 node")
        .tag("method", method)
        .register(registry)
        .increment(calls);
  }

  /** A failed call; {@code kind} is a short cause: an error code, "timeout", "connection", ... */
  void error(String method, String kind) {
    Counter.builder(RPC_ERRORS)
        .description("JSON-RPC calls to the L1 node that failed")
        .tag("method", method)
        .tag("kind", kind)
        .register(registry)
        .increment();
  }
}
