package io.merapi.rpc.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;

/** Serves a Prometheus registry in the text exposition format, for a server's {@code /metrics}. */
public final class PrometheusEndpoint implements Handler<HttpServerRequest> {
  static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry;

  public PrometheusEndpoint(PrometheusMeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void handle(HttpServerRequest request) {
    request.response().putHeader("content-type", CONTENT_TYPE).end(registry.scrape());
  }
}
