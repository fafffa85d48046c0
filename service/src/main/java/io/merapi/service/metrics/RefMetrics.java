package io.merapi.service.metrics;

import static io.merapi.service.metrics.ServiceMetrics.unsigned;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.prometheus.metrics.core.metrics.Gauge;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Block refs by layer ({@code l1}, {@code l2}, {@code l1_origin}) and type, as op-service's {@code
 * RefMetrics}: {@code <namespace>_refs_number}, {@code _refs_time}, {@code _refs_hash}, {@code
 * _refs_seqnr} and {@code _refs_latency}. The type names are the service's ({@code l1_head}, {@code
 * proposed}, ...). Thread-safe.
 */
public final class RefMetrics {
  private final Clock clock;
  private final Gauge number;
  private final Gauge time;
  private final Gauge hash;
  private final Gauge seqNr;
  private final Gauge latency;

  /**
   * The last hash per type whose latency was recorded: a ref seen again keeps the latency of its
   * first sighting, so that re-recording an unchanged head does not make it look late.
   */
  private final Map<String, Hash> latencySeen = new ConcurrentHashMap<>();

  /**
   * @param clock for {@code refs_latency}
   */
  public RefMetrics(MetricsFactory factory, Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    number = refGauge(factory, "refs_number", "the different L1/L2 reference block numbers");
    time = refGauge(factory, "refs_time", "the different L1/L2 reference block timestamps");
    hash =
        refGauge(
            factory,
            "refs_hash",
            "the different L1/L2 reference block hashes truncated to float values");
    seqNr =
        factory.gauge(
            "refs_seqnr", "Gauge representing the different L2 reference sequence numbers", "type");
    latency =
        refGauge(
            factory,
            "refs_latency",
            "the different L1/L2 reference block timestamps minus current time, in seconds");
  }

  private static Gauge refGauge(MetricsFactory factory, String name, String what) {
    return factory.gauge(name, "Gauge representing " + what, "layer", "type");
  }

  /**
   * One ref; a zero timestamp means "unknown" (an L2 block's L1 origin) and leaves the time and
   * latency gauges alone.
   */
  public void recordRef(String layer, String type, long number, long timestamp, Hash hash) {
    this.number.labelValues(layer, type).set(unsigned(number));
    if (timestamp != 0) {
      time.labelValues(layer, type).set(unsigned(timestamp));
      if (!hash.equals(latencySeen.put(type, hash))) {
        double now = clock.millis() / 1000.0;
        latency.labelValues(layer, type).set(unsigned(timestamp) - now);
      }
    }
    this.hash.labelValues(layer, type).set(hashValue(hash));
  }

  public void recordL1Ref(String type, L1BlockRef ref) {
    recordRef("l1", type, ref.number(), ref.time(), ref.hash());
  }

  /** The block under layer {@code l2}, its L1 origin under {@code l1_origin}, and its seqnr. */
  public void recordL2Ref(String type, L2BlockRef ref) {
    recordRef("l2", type, ref.number(), ref.time(), ref.hash());
    recordRef("l1_origin", type, ref.l1Origin().number(), 0, ref.l1Origin().hash());
    seqNr.labelValues(type).set(unsigned(ref.sequenceNumber()));
  }

  /** The {@code refs_number} of {@code layer} and {@code type}; 0 if none was recorded. */
  public double number(String layer, String type) {
    return number.labelValues(layer, type).get();
  }

  /**
   * The first 8 bytes of the hash, little-endian, as a float: enough to graph when a ref's hash
   * changes and to see two nodes diverge.
   */
  static double hashValue(Hash hash) {
    byte[] bytes = hash.toArray();
    long value = 0;
    for (int i = 7; i >= 0; i--) {
      value = (value << 8) | (bytes[i] & 0xff);
    }
    return unsigned(value);
  }
}
