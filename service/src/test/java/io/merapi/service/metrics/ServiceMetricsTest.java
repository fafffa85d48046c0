package io.merapi.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.rpc.server.RpcServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class ServiceMetricsTest {
  private static final class TestMetrics extends ServiceMetrics {
    TestMetrics() {
      super("op_test_default", "op-test", new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
    }
  }

  @Test
  void infoAndUpAreServedAtMetrics() throws Exception {
    TestMetrics metrics = new TestMetrics();
    assertThat(metrics.registry().scrape()).contains("op_test_default_up 0.0");

    metrics.recordInfo("v1.2.3");
    metrics.recordUp();
    try (RpcServer server = metrics.serve("127.0.0.1", 0);
        HttpClient http = HttpClient.newHttpClient()) {
      URI uri = server.httpUri().resolve("/metrics");
      String body =
          http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString())
              .body();
      assertThat(body)
          .contains("# HELP op_test_default_up 1 if the op-test has finished starting up")
          .contains("op_test_default_up 1.0")
          .contains("op_test_default_info{version=\"v1.2.3\"} 1\n");
    }
  }
}
