package io.merapi.rpc.metrics;

import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Set;

/** Serves a Prometheus registry in the text exposition format, for a server's {@code /metrics}. */
public final class PrometheusEndpoint implements Handler<HttpServerRequest> {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public PrometheusEndpoint(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  /**
   * A service's {@code --metrics.addr}:{@code --metrics.port} server: {@code /metrics} in the
   * Prometheus text format, any Host accepted (scrapers reach it by address), no JSON-RPC methods.
   */
  public static RpcServer serve(PrometheusMeterRegistry registry, String host, int port) {
    RpcServerConfig config =
        RpcServerConfig.httpDefaults()
            .withName("metrics")
            .withHost(host)
            .withPort(port)
            .withModules(Set.of())
            .withVirtualHosts(List.of("*"))
            .withThreads(1, 1);
    return RpcServer.builder(config)
        .methods(new RpcMethods())
        .route("/metrics", new PrometheusEndpoint(registry))
        .start();
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.response().putHeader("content-type", CONTENT_TYPE).end(registry.scrape());
  }
}
