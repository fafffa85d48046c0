package io.merapi.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.rpc.server.RpcServer;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.RollupConfig.BlockId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class NodeMetricsTest {
  private static final Instant NOW = Instant.ofEpochSecond(1_700_000_100);

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final NodeMetrics metrics = new NodeMetrics(registry, Clock.fixed(NOW, ZoneOffset.UTC));

  private static Hash filled(int b) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) b);
    return Hash.wrap(bytes);
  }

  /** The value of the one sample whose name and labels are exactly {@code series}. */
  static Optional<Double> sample(String scrape, String series) {
    return scrape
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]))
        .findFirst();
  }

  private String scrape() {
    return registry.scrape();
  }

  @Test
  void refsAreRecordedByLayerAndTypeAsOpNodeNamesThem() {
    L2BlockRef safe =
        new L2BlockRef(
            filled(0x02), 990, filled(0x03), 1_700_000_090L, new BlockId(filled(4), 77), 5);
    metrics.recordL1Ref(
        "l1_head", new L1BlockRef(filled(0x01), 4_000_020, filled(0), 1_700_000_000L));
    metrics.recordL2Ref("l2_safe", safe);

    String text = scrape();
    assertThat(sample(text, "op_node_default_refs_number{layer=\"l1\",type=\"l1_head\"}"))
        .contains(4_000_020.0);
    assertThat(sample(text, "op_node_default_refs_time{layer=\"l1\",type=\"l1_head\"}"))
        .contains(1_700_000_000.0);
    assertThat(sample(text, "op_node_default_refs_latency{layer=\"l1\",type=\"l1_head\"}"))
        .contains(-100.0);
    assertThat(sample(text, "op_node_default_refs_hash{layer=\"l1\",type=\"l1_head\"}"))
        .contains((double) 0x0101010101010101L);
    assertThat(sample(text, "op_node_default_refs_number{layer=\"l2\",type=\"l2_safe\"}"))
        .contains(990.0);
    assertThat(sample(text, "op_node_default_refs_number{layer=\"l1_origin\",type=\"l2_safe\"}"))
        .contains(77.0);
    assertThat(sample(text, "op_node_default_refs_seqnr{type=\"l2_safe\"}")).contains(5.0);
    // The L1 origin has no timestamp of its own: no time series for it.
    assertThat(sample(text, "op_node_default_refs_time{layer=\"l1_origin\",type=\"l2_safe\"}"))
        .isEmpty();
  }

  @Test
  void aSyncStatusRecordsEveryHeadUnderItsType() {
    L1BlockRef l1 = new L1BlockRef(filled(1), 10, filled(0), 1_700_000_000L);
    L2BlockRef l2 = new L2BlockRef(filled(2), 20, filled(3), 1_700_000_050L, l1.id(), 0);
    metrics.recordSyncStatus(new SyncStatus(l1, l1, l1, l1, l1, l2, l2, l2, l2));

    String text = scrape();
    for (String type : new String[] {"l1_head", "l1_safe", "l1_finalized", "l1_derived"}) {
      assertThat(sample(text, "op_node_default_refs_number{layer=\"l1\",type=\"" + type + "\"}"))
          .as(type)
          .contains(10.0);
    }
    for (String type :
        new String[] {
          "l2_unsafe",
          "l2_cross_unsafe",
          "l2_pending_safe",
          "l2_local_safe",
          "l2_safe",
          "l2_finalized"
        }) {
      assertThat(sample(text, "op_node_default_refs_number{layer=\"l2\",type=\"" + type + "\"}"))
          .as(type)
          .contains(20.0);
    }
  }

  @Test
  void derivationStateResetsAndErrors() {
    metrics.setDerivationIdle(true);
    metrics.recordPipelineReset();
    metrics.recordPipelineReset();
    metrics.recordDerivationError();

    String text = scrape();
    assertThat(sample(text, "op_node_default_derivation_idle")).contains(1.0);
    assertThat(sample(text, "op_node_default_pipeline_resets_total")).contains(2.0);
    assertThat(sample(text, "op_node_default_last_pipeline_resets_unix"))
        .contains((double) NOW.getEpochSecond());
    assertThat(sample(text, "op_node_default_derivation_errors_total")).contains(1.0);
    assertThat(sample(text, "op_node_default_sequencing_errors_total")).contains(0.0);

    metrics.setDerivationIdle(false);
    assertThat(sample(scrape(), "op_node_default_derivation_idle")).contains(0.0);
  }

  @Test
  void l1ReorgDepthsFallIntoOpNodesBuckets() {
    metrics.recordL1Reorg(1);
    metrics.recordL1Reorg(3);
    metrics.recordL1Reorg(64);

    String text = scrape();
    assertThat(sample(text, "op_node_default_l1_reorg_depth_bucket{le=\"1.5\"}")).contains(1.0);
    assertThat(sample(text, "op_node_default_l1_reorg_depth_bucket{le=\"3.5\"}")).contains(2.0);
    assertThat(sample(text, "op_node_default_l1_reorg_depth_bucket{le=\"50.5\"}")).contains(2.0);
    assertThat(sample(text, "op_node_default_l1_reorg_depth_bucket{le=\"100.5\"}")).contains(3.0);
    assertThat(sample(text, "op_node_default_l1_reorg_depth_count")).contains(3.0);
    assertThat(sample(text, "op_node_default_l1_reorg_depth_sum")).contains(68.0);
  }

  @Test
  void sequencerBuildingDiffTakesNegativeValues() {
    metrics.recordSequencerBuild(Duration.ofMillis(-300));
    metrics.recordSequencerBuild(Duration.ofMillis(20));
    metrics.recordSequencerSealing(Duration.ofMillis(40));

    String text = scrape();
    assertThat(sample(text, "op_node_default_sequencer_building_diff_seconds_bucket{le=\"-0.25\"}"))
        .contains(1.0);
    assertThat(sample(text, "op_node_default_sequencer_building_diff_seconds_bucket{le=\"0.025\"}"))
        .contains(2.0);
    assertThat(sample(text, "op_node_default_sequencer_building_diff_seconds_sum").orElseThrow())
        .isCloseTo(-0.28, within(1e-9));
    assertThat(sample(text, "op_node_default_sequencer_building_diff_total")).contains(2.0);
    assertThat(sample(text, "op_node_default_sequencer_sealing_seconds_count")).contains(1.0);
    assertThat(sample(text, "op_node_default_sequencer_sealing_total")).contains(1.0);
  }

  @Test
  void upInfoAndL1Requests() {
    metrics.recordInfo("v0.1.0");
    metrics.recordUp();
    metrics.recordL1Request("eth_getBlockByNumber", Duration.ofMillis(7));

    String text = scrape();
    assertThat(sample(text, "op_node_default_up")).contains(1.0);
    assertThat(sample(text, "op_node_default_info{version=\"v0.1.0\"}")).contains(1.0);
    assertThat(
            sample(
                text,
                "op_node_default_l1_request_seconds_bucket{request=\"eth_getBlockByNumber\",le=\"0.01\"}"))
        .contains(1.0);
  }

  @Test
  void theEndpointServesOpNodesFamiliesAndMicrometerMetersTogether() throws Exception {
    Counter.builder("merapi_test_calls").register(registry).increment(3);
    metrics.recordUp();
    metrics.recordL1Reorg(2);
    RpcServer server = metrics.serve("127.0.0.1", 0);
    try {
      HttpResponse<String> response =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(server.httpUri() + "metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .GET()
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(response.headers().firstValue("content-type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
      assertThat(sample(response.body(), "op_node_default_up")).contains(1.0);
      assertThat(sample(response.body(), "op_node_default_l1_reorg_depth_count")).contains(1.0);
      assertThat(sample(response.body(), "merapi_test_calls_total")).contains(3.0);
      assertThat(response.body())
          .contains("# HELP op_node_default_up 1 if the op node has finished starting up");
    } finally {
      server.stop();
    }
  }
}
