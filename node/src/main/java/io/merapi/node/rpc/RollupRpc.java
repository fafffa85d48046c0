package io.merapi.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.base.bytes.Hex;
import io.merapi.derive.L2BlockRef;
import io.merapi.node.driver.NodeControl;
import io.merapi.node.engine.L2Client;
import io.merapi.node.safedb.SafeDb;
import io.merapi.node.safedb.SafeDbDisabledException;
import io.merapi.node.safedb.SafeHeadEntry;
import io.merapi.rpc.Params;
import io.merapi.rpc.RpcError;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcMethods;
import io.merapi.rpc.server.RpcServer;
import io.merapi.rpc.server.RpcServerConfig;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.rollup.OutputRoot;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * op-node's RPC ({@code node/api.go}): the {@code optimism} namespace always, the {@code admin}
 * namespace only with {@code --rpc.enable-admin} (otherwise its methods do not exist, as in
 * op-node). Answers are built from the driver ({@link NodeControl}), the engine's public RPC
 * ({@link L2Client}) and the {@link SafeDb}; failures are JSON-RPC errors with op-node's wording
 * where clients may match on it, never a crash.
 */
public final class RollupRpc {
  private static final Logger LOG = LoggerFactory.getLogger(RollupRpc.class);

  private final JsonNode rollupConfig;
  private final String version;
  private final NodeControl node;
  private final L2Client l2;
  private final SafeDb safeDb;
  private final boolean adminEnabled;
  private final Function<JsonNode, ExecutionPayloadEnvelope> envelopeDecoder;

  /** With the shared payload reader, {@link ExecutionPayloadEnvelope#fromJson}. */
  public RollupRpc(
      RollupConfig config,
      String version,
      NodeControl node,
      L2Client l2,
      SafeDb safeDb,
      boolean adminEnabled) {
    this(config, version, node, l2, safeDb, adminEnabled, ExecutionPayloadEnvelope::fromJson);
  }

  /**
   * @param version what {@code optimism_version} answers
   * @param envelopeDecoder reads {@code admin_postUnsafePayload}'s argument; throws {@link
   *     IllegalArgumentException} (or an invalid-params {@link RpcException}) on bad input
   */
  public RollupRpc(
      RollupConfig config,
      String version,
      NodeControl node,
      L2Client l2,
      SafeDb safeDb,
      boolean adminEnabled,
      Function<JsonNode, ExecutionPayloadEnvelope> envelopeDecoder) {
    this.rollupConfig = config.toJson();
    this.version = Objects.requireNonNull(version, "version");
    this.node = Objects.requireNonNull(node, "node");
    this.l2 = Objects.requireNonNull(l2, "l2");
    this.safeDb = Objects.requireNonNull(safeDb, "safeDb");
    this.adminEnabled = adminEnabled;
    this.envelopeDecoder = Objects.requireNonNull(envelopeDecoder, "envelopeDecoder");
  }

  /**
   * The server op-node runs on {@code --rpc.addr}:{@code --rpc.port}: HTTP, every Host and CORS
   * origin accepted (op-node allows {@code *} for both so that other containers can reach it).
   */
  public static RpcServerConfig serverConfig(String host, int port) {
    return RpcServerConfig.httpDefaults()
        .withName("rollup")
        .withHost(host)
        .withPort(port)
        .withModules(Set.of(RpcServerConfig.ALL_MODULES))
        .withCorsDomains(List.of("*"))
        .withVirtualHosts(List.of("*"))
        .withThreads(1, 4);
  }

  /**
   * Starts the server with these methods. (op-node also serves {@code /healthz}; that route needs
   * Vert.x's request API in this module and is left for later.)
   */
  public RpcServer start(RpcServerConfig config, Optional<MeterRegistry> metrics) {
    RpcMethods methods = new RpcMethods();
    register(methods);
    RpcServer.Builder builder = RpcServer.builder(config).methods(methods);
    metrics.ifPresent(builder::metrics);
    return builder.start();
  }

  public void register(RpcMethods methods) {
    methods.blocking("optimism_syncStatus", 0, 0, p -> RollupJson.syncStatus(syncStatus()));
    methods.blocking("optimism_outputAtBlock", 1, 1, this::outputAtBlock);
    methods.inline("optimism_rollupConfig", 0, 0, p -> rollupConfig);
    methods.inline("optimism_version", 0, 0, p -> version);
    methods.blocking("optimism_safeHeadAtL1Block", 1, 1, this::safeHeadAtL1Block);
    if (adminEnabled) {
      registerAdmin(methods);
    }
  }

  private void registerAdmin(RpcMethods methods) {
    methods.blocking(
        "admin_startSequencer",
        1,
        1,
        p -> {
          Hash head = p.hash(0);
          act(() -> node.startSequencer(head));
          return Optional.empty();
        });
    methods.blocking("admin_stopSequencer", 0, 0, p -> ask(node::stopSequencer));
    methods.blocking("admin_sequencerActive", 0, 0, p -> ask(node::sequencerActive));
    methods.blocking(
        "admin_postUnsafePayload",
        1,
        1,
        p -> {
          ExecutionPayloadEnvelope envelope = decodeEnvelope(p);
          act(() -> node.postUnsafePayload(envelope));
          return Optional.empty();
        });
    methods.blocking(
        "admin_resetDerivationPipeline",
        0,
        0,
        p -> {
          act(node::resetDerivationPipeline);
          return Optional.empty();
        });
  }

  private SyncStatus syncStatus() {
    try {
      return node.syncStatus();
    } catch (RuntimeException e) {
      throw failure("failed to get sync status", e);
    }
  }

  private Object outputAtBlock(Params p) {
    long number = p.quantity(0);
    SyncStatus status;
    Optional<L2BlockRef> ref;
    try {
      status = node.syncStatus();
      ref = l2.l2BlockRefByNumber(number);
    } catch (RuntimeException e) {
      throw failure("failed to get L2 block ref with sync status", e);
    }
    if (ref.isEmpty()) {
      // op-node wraps go-ethereum's ethereum.NotFound here.
      throw RpcError.server("failed to get L2 block ref with sync status: not found").exception();
    }
    OutputRoot output;
    try {
      output = l2.outputAt(ref.get().hash());
    } catch (RuntimeException e) {
      throw failure("failed to get L2 output at block " + describe(ref.get()), e);
    }
    return RollupJson.outputResponse(output, ref.get(), status);
  }

  private Object safeHeadAtL1Block(Params p) {
    long number = p.quantity(0);
    Optional<SafeHeadEntry> entry;
    try {
      entry = safeDb.safeHeadAtL1Block(number);
    } catch (SafeDbDisabledException e) {
      throw RpcError.server(
              "failed to get safe head at l1 block " + Hex.quantity(number) + ": " + e.getMessage())
          .exception();
    } catch (RuntimeException e) {
      throw failure("failed to get safe head at l1 block " + Hex.quantity(number), e);
    }
    // op-node answers its ErrNotFound unwrapped: no record at or below this L1 block.
    return RollupJson.safeHeadResponse(
        entry.orElseThrow(() -> RpcError.server("not found").exception()));
  }

  private ExecutionPayloadEnvelope decodeEnvelope(Params p) {
    JsonNode argument = p.node(0);
    try {
      return envelopeDecoder.apply(argument);
    } catch (RpcException e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw Params.invalid(0, e.getMessage());
    }
  }

  /**
   * Runs a driver action; a refusal ({@link IllegalStateException}: no sequencer, already running,
   * wrong head) is answered with its message as op-node answers its driver's errors.
   */
  private static <T> T ask(Supplier<T> action) {
    try {
      return action.get();
    } catch (IllegalStateException | IllegalArgumentException e) {
      throw RpcError.server(e.getMessage()).exception();
    }
  }

  private static void act(Runnable action) {
    ask(
        () -> {
          action.run();
          return null;
        });
  }

  private static RpcException failure(String context, RuntimeException e) {
    if (e instanceof RpcException rpc) {
      return rpc;
    }
    String message = context + ": " + e.getMessage();
    LOG.debug("rollup RPC: {}", message, e);
    return RpcError.server(message).exception();
  }

  private static String describe(L2BlockRef ref) {
    return ref.hash().toHex() + ":" + Long.toUnsignedString(ref.number());
  }
}
