package io.merapi.service.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.types.config.RollupConfig.BlockId;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RefMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MutableClock clock = new MutableClock(Instant.ofEpochSecond(1_000));
  private final RefMetrics refs =
      new RefMetrics(new MetricsFactory("test_ns", registry.getPrometheusRegistry()), clock);

  private static Hash filled(int b) {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) b);
    return Hash.wrap(bytes);
  }

  private Optional<Double> sample(String series) {
    return registry
        .scrape()
        .lines()
        .filter(line -> line.startsWith(series + " "))
        .map(line -> Double.parseDouble(line.substring(series.length() + 1).split(" ")[0]))
        .findFirst();
  }

  @Test
  void anL2RefRecordsItsBlockItsL1OriginAndItsSequenceNumber() {
    refs.recordL2Ref(
        "proposed", new L2BlockRef(filled(2), 30, filled(3), 990, new BlockId(filled(4), 7), 2));

    assertThat(sample("test_ns_refs_number{layer=\"l2\",type=\"proposed\"}")).contains(30.0);
    assertThat(sample("test_ns_refs_time{layer=\"l2\",type=\"proposed\"}")).contains(990.0);
    assertThat(sample("test_ns_refs_latency{layer=\"l2\",type=\"proposed\"}")).contains(-10.0);
    assertThat(sample("test_ns_refs_number{layer=\"l1_origin\",type=\"proposed\"}")).contains(7.0);
    assertThat(sample("test_ns_refs_time{layer=\"l1_origin\",type=\"proposed\"}")).isEmpty();
    assertThat(sample("test_ns_refs_seqnr{type=\"proposed\"}")).contains(2.0);
    assertThat(refs.number("l2", "proposed")).isEqualTo(30.0);
  }

  @Test
  void theLatencyOfARefIsTakenWhenItsHashIsFirstSeen() {
    L1BlockRef head = new L1BlockRef(filled(1), 10, filled(0), 995);
    refs.recordL1Ref("head", head);
    clock.now = Instant.ofEpochSecond(1_012);
    refs.recordL1Ref("head", head);
    assertThat(sample("test_ns_refs_latency{layer=\"l1\",type=\"head\"}")).contains(-5.0);

    refs.recordL1Ref("head", new L1BlockRef(filled(5), 11, filled(1), 1_010));
    assertThat(sample("test_ns_refs_latency{layer=\"l1\",type=\"head\"}")).contains(-2.0);
    assertThat(sample("test_ns_refs_number{layer=\"l1\",type=\"head\"}")).contains(11.0);
  }

  @Test
  void hashesAndNumbersAreReadAsUnsigned() {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, 0, 8, (byte) 0xff);
    assertThat(RefMetrics.hashValue(Hash.wrap(bytes))).isEqualTo(0x1p64);
    assertThat(RefMetrics.hashValue(filled(1))).isEqualTo((double) 0x0101010101010101L);
    assertThat(ServiceMetrics.unsigned(-1)).isEqualTo(0x1p64);
  }

  private static final class MutableClock extends Clock {
    Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
