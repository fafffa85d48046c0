package io.merapi.explorer.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.client.RpcTransportException;
import io.merapi.service.rollup.RollupJsonReader;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.config.RollupConfig.BlockId;
import java.time.Duration;
import java.util.Optional;

/**
 * The rollup node's RPC (op-node's {@code optimism_*}), as the pages read it. The sync status is
 * kept for {@code maxAge}: every page shows the heads, and under load one call a moment serves them
 * all. The last status stays at hand for the page that says the node is unreachable.
 */
public final class RollupSource implements AutoCloseable {
  private final RpcEndpoint rpc;
  private final long maxAgeNanos;
  private volatile Optional<Cached> last = Optional.empty();
  private volatile RollupConfig rollupConfig;

  private record Cached(SyncStatus status, long atNanos) {}

  public RollupSource(RpcEndpoint rpc, Duration maxAge) {
    this.rpc = rpc;
    this.maxAgeNanos = maxAge.toNanos();
  }

  public RpcEndpoint endpoint() {
    return rpc;
  }

  /** {@code optimism_syncStatus}, at most {@code maxAge} old. */
  public SyncStatus syncStatus() {
    long now = System.nanoTime();
    Optional<Cached> cached = last;
    if (cached.isPresent() && now - cached.get().atNanos() < maxAgeNanos) {
      return cached.get().status();
    }
    synchronized (this) {
      cached = last;
      if (cached.isPresent() && System.nanoTime() - cached.get().atNanos() < maxAgeNanos) {
        return cached.get().status();
      }
      JsonNode answer = rpc.call("optimism_syncStatus");
      SyncStatus status;
      try {
        status = RollupJsonReader.syncStatus(answer);
      } catch (IllegalArgumentException e) {
        throw new RpcTransportException(
            RpcTransportException.Kind.BAD_RESPONSE,
            "the rollup node's optimism_syncStatus cannot be read: " + e.getMessage(),
            e);
      }
      last = Optional.of(new Cached(status, System.nanoTime()));
      return status;
    }
  }

  /**
   * {@code optimism_safeHeadAtL1Block}: the safe head recorded at the greatest L1 block at or below
   * {@code l1Number}; empty when the node has no record that low ("not found").
   *
   * @throws RpcException when the node keeps no safe-head database (op-node without {@code
   *     --safedb.path}) or fails otherwise
   */
  public Optional<SafeHead> safeHeadAtL1Block(long l1Number) {
    JsonNode answer;
    try {
      answer = rpc.call("optimism_safeHeadAtL1Block", Hex.quantity(l1Number));
    } catch (RpcException e) {
      if (e.error().message().strip().equalsIgnoreCase("not found")) {
        return Optional.empty();
      }
      throw e;
    }
    try {
      return Optional.of(
          new SafeHead(blockId(answer.get("l1Block")), blockId(answer.get("safeHead"))));
    } catch (RuntimeException e) {
      throw new RpcTransportException(
          RpcTransportException.Kind.BAD_RESPONSE,
          "the rollup node's optimism_safeHeadAtL1Block cannot be read: " + answer,
          e);
    }
  }

  /** {@code optimism_rollupConfig}, read once: it does not change while a node runs. */
  public RollupConfig rollupConfig() {
    RollupConfig config = rollupConfig;
    if (config == null) {
      JsonNode answer = rpc.call("optimism_rollupConfig");
      try {
        config = RollupConfig.fromJson(answer);
      } catch (RuntimeException e) {
        throw new RpcTransportException(
            RpcTransportException.Kind.BAD_RESPONSE,
            "the rollup node's optimism_rollupConfig cannot be read: " + e.getMessage(),
            e);
      }
      rollupConfig = config;
    }
    return config;
  }

  /** A block id as op-node writes it: a hash and a number (JSON number or hex quantity). */
  private static BlockId blockId(JsonNode node) {
    JsonNode number = node.get("number");
    long value =
        number.isIntegralNumber() ? number.longValue() : Hex.parseQuantity(number.asText());
    return new BlockId(Hash.fromHex(node.get("hash").asText()), value);
  }

  /** The sync status last read, however old, if any was. */
  public Optional<SyncStatus> lastSyncStatus() {
    return last.map(Cached::status);
  }

  @Override
  public void close() {
    rpc.close();
  }
}
