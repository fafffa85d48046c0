package io.merapi.devnet;

import io.merapi.batcher.DataAvailability;
import io.merapi.devnet.chain.ChainSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything {@code merapi devnet} is started with.
 *
 * @param datadir where the chains live ({@code --datadir}, default {@code ~/.merapi/devnet})
 * @param fresh start new chains, deleting the old ones ({@code --fresh})
 * @param chain the choices fixed at the chains' creation (a restart must ask the same)
 * @param ports where each component serves
 * @param verifier run the second engine and rollup node that derive from L1 only ({@code
 *     --verifier})
 * @param dataAvailability where the batcher posts ({@code --batcher.da})
 * @param maxChannelDuration the batcher's longest channel in L1 blocks ({@code
 *     --batcher.max-channel-duration})
 * @param proposalInterval how often the proposer creates a game ({@code --proposal-interval})
 * @param l1SafeDepth L1 blocks between the head and the safe block ({@code --l1.safe-depth})
 * @param l1FinalizedDepth ...and the finalized block ({@code --l1.finalized-depth})
 * @param metrics where each component serves Prometheus metrics ({@code --metrics}), if at all
 */
public record DevnetConfig(
    Path datadir,
    boolean fresh,
    ChainSettings chain,
    Ports ports,
    boolean verifier,
    DataAvailability dataAvailability,
    long maxChannelDuration,
    Duration proposalInterval,
    int l1SafeDepth,
    int l1FinalizedDepth,
    Optional<MetricsPorts> metrics) {
  public DevnetConfig {
    Objects.requireNonNull(datadir, "datadir");
    Objects.requireNonNull(chain, "chain");
    Objects.requireNonNull(ports, "ports");
    Objects.requireNonNull(dataAvailability, "dataAvailability");
    Objects.requireNonNull(proposalInterval, "proposalInterval");
    Objects.requireNonNull(metrics, "metrics");
    if (maxChannelDuration < 0) {
      throw new IllegalArgumentException("--batcher.max-channel-duration must not be negative");
    }
    if (proposalInterval.isNegative() || proposalInterval.isZero()) {
      throw new IllegalArgumentException("--proposal-interval must be positive");
    }
  }

  /** The defaults of {@code merapi devnet} on {@code datadir}. */
  public static DevnetConfig defaults(Path datadir) {
    return new DevnetConfig(
        datadir,
        false,
        ChainSettings.defaults(),
        Ports.defaults(),
        true,
        DataAvailability.BLOBS,
        1,
        Duration.ofSeconds(6),
        4,
        8,
        Optional.empty());
  }

  /** The default data directory, {@code ~/.merapi/devnet}. */
  public static Path defaultDatadir() {
    return Path.of(System.getProperty("user.home"), ".merapi", "devnet");
  }

  public DevnetConfig withFresh(boolean value) {
    return new DevnetConfig(
        datadir,
        value,
        chain,
        ports,
        verifier,
        dataAvailability,
        maxChannelDuration,
        proposalInterval,
        l1SafeDepth,
        l1FinalizedDepth,
        metrics);
  }

  public DevnetConfig withChain(ChainSettings value) {
    return new DevnetConfig(
        datadir,
        fresh,
        value,
        ports,
        verifier,
        dataAvailability,
        maxChannelDuration,
        proposalInterval,
        l1SafeDepth,
        l1FinalizedDepth,
        metrics);
  }

  public DevnetConfig withPorts(Ports value) {
    return new DevnetConfig(
        datadir,
        fresh,
        chain,
        value,
        verifier,
        dataAvailability,
        maxChannelDuration,
        proposalInterval,
        l1SafeDepth,
        l1FinalizedDepth,
        metrics);
  }

  public DevnetConfig withVerifier(boolean value) {
    return new DevnetConfig(
        datadir,
        fresh,
        chain,
        ports,
        value,
        dataAvailability,
        maxChannelDuration,
        proposalInterval,
        l1SafeDepth,
        l1FinalizedDepth,
        metrics);
  }

  public DevnetConfig withDataAvailability(DataAvailability value) {
    return new DevnetConfig(
        datadir,
        fresh,
        chain,
        ports,
        verifier,
        value,
        maxChannelDuration,
        proposalInterval,
        l1SafeDepth,
        l1FinalizedDepth,
        metrics);
  }

  public DevnetConfig withMetrics(Optional<MetricsPorts> value) {
    return new DevnetConfig(
        datadir,
        fresh,
        chain,
        ports,
        verifier,
        dataAvailability,
        maxChannelDuration,
        proposalInterval,
        l1SafeDepth,
        l1FinalizedDepth,
        value);
  }
}
