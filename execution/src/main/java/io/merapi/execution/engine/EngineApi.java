package io.merapi.execution.engine;

import io.merapi.base.bytes.Hash;
import io.merapi.execution.chain.Blockchain;
import io.merapi.execution.chain.ChainHead;
import io.merapi.execution.chain.InvalidForkChoiceException;
import io.merapi.execution.chain.UnknownBlockException;
import io.merapi.rpc.RpcException;
import io.merapi.rpc.RpcMethods;
import io.merapi.state.block.InvalidBlockException;
import io.merapi.types.block.Block;
import io.merapi.types.block.Header;
import io.merapi.types.config.Fork;
import io.merapi.types.engine.ExecutionPayload;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Engine API of execution-apis ({@code src/engine}: paris.md, shanghai.md, cancun.md,
 * common.md, identification.md): how a consensus client drives this chain. Versions 1 to 3 of
 * {@code engine_newPayload}, {@code engine_forkchoiceUpdated} and {@code engine_getPayload}, with
 * {@code engine_exchangeCapabilities} and {@code engine_getClientVersionV1}.
 *
 * <p>The Java methods here carry the semantics (statuses, {@code latestValidHash}, which fields
 * each version takes, the error codes); {@link #register} binds them to JSON-RPC, to be served on
 * the authenticated port ({@code RpcServerConfig.engineApi(secret)}). The dev chain's block
 * producer calls the same methods.
 *
 * <p>Where geth and the spec differ, this follows the spec: {@code forkchoiceUpdated} applies the
 * forkchoice state before it checks the payload attributes (and keeps it if they are invalid),
 * {@code newPayloadV1} answers INVALID_BLOCK_HASH for a wrong block hash, {@code newPayloadV2} and
 * {@code getPayloadV1/V2} refuse Cancun payloads with -38005.
 *
 * <p>Every block stored by the chain was fully validated and every state is kept, so a payload with
 * a known parent is always validated at once: ACCEPTED is never answered, and SYNCING only when the
 * parent (or the forkchoice head) is unknown, since this client has no sync.
 */
public final class EngineApi implements MeterBinder {
  private static final Logger LOG = LoggerFactory.getLogger(EngineApi.class);

  /** The methods {@link #register} adds, as {@code engine_exchangeCapabilities} lists them. */
  public static final List<String> CAPABILITIES =
      List.of(
          "engine_newPayloadV1",
          "engine_newPayloadV2",
          "engine_newPayloadV3",
          "engine_forkchoiceUpdatedV1",
          "engine_forkchoiceUpdatedV2",
          "engine_forkchoiceUpdatedV3",
          "engine_getPayloadV1",
          "engine_getPayloadV2",
          "engine_getPayloadV3",
          "engine_getClientVersionV1");

  private final Blockchain chain;
  private final PayloadBuilder builder;
  private final ClientVersion clientVersion;
  private final InvalidAncestors invalidAncestors = new InvalidAncestors();
  private final ReentrantLock forkchoiceLock = new ReentrantLock();
  private final ReentrantLock newPayloadLock = new ReentrantLock();
  private volatile Optional<MeterRegistry> registry = Optional.empty();

  public EngineApi(Blockchain chain, PayloadBuilder builder, ClientVersion clientVersion) {
    this.chain = chain;
    this.builder = builder;
    this.clientVersion = clientVersion;
  }

  public EngineApi(Blockchain chain, PayloadBuilder builder) {
    this(chain, builder, ClientVersion.local());
  }

  public Blockchain chain() {
    return chain;
  }

  public PayloadBuilder builder() {
    return builder;
  }

  /** Registers the {@code engine_*} methods on {@code methods}. */
  public void register(RpcMethods methods) {
    EngineRpc.register(this, methods);
  }

  // ---- engine_newPayload ----

  /**
   * {@code engine_newPayloadV<version>}: validates and stores the payload's block (without making
   * it the head).
   *
   * @param versionedHashes V3's expected blob versioned hashes (empty when not given)
   * @param parentBeaconBlockRoot V3's parent beacon block root (empty when not given)
   * @throws RpcException -32602 when the payload's fields do not match the method version, -38005
   *     when the payload's fork is not this version's
   */
  public PayloadStatus newPayload(
      int version,
      ExecutionPayload payload,
      Optional<List<Hash>> versionedHashes,
      Optional<Hash> parentBeaconBlockRoot) {
    checkNewPayloadVersion(version, payload, versionedHashes, parentBeaconBlockRoot);
    long start = System.nanoTime();
    PayloadStatus status;
    newPayloadLock.lock();
    try {
      status = importPayload(version, payload, versionedHashes, parentBeaconBlockRoot);
    } finally {
      newPayloadLock.unlock();
    }
    record("engine.new_payload", start, status.status().name());
    return status;
  }

  private void checkNewPayloadVersion(
      int version,
      ExecutionPayload payload,
      Optional<List<Hash>> versionedHashes,
      Optional<Hash> beaconRoot) {
    Fork fork = chain.rules().fork(payload.blockNumber(), payload.timestamp());
    switch (version) {
      case 1 -> {
        if (payload.withdrawals().isPresent()) {
          throw EngineErrors.invalidParams("withdrawals not supported in V1");
        }
        checkNoBlobFields(payload);
      }
      case 2 -> {
        if (fork.isAtLeast(Fork.CANCUN)) {
          throw EngineErrors.unsupportedFork("can't use newPayloadV2 post-cancun");
        }
        if (fork.isAtLeast(Fork.SHANGHAI) && payload.withdrawals().isEmpty()) {
          throw EngineErrors.invalidParams("nil withdrawals post-shanghai");
        }
        if (fork.isBefore(Fork.SHANGHAI) && payload.withdrawals().isPresent()) {
          throw EngineErrors.invalidParams("non-nil withdrawals pre-shanghai");
        }
        checkNoBlobFields(payload);
      }
      case 3 -> {
        if (payload.withdrawals().isEmpty()) {
          throw EngineErrors.invalidParams("nil withdrawals post-shanghai");
        }
        if (payload.excessBlobGas().isEmpty()) {
          throw EngineErrors.invalidParams("nil excessBlobGas post-cancun");
        }
        if (payload.blobGasUsed().isEmpty()) {
          throw EngineErrors.invalidParams("nil blobGasUsed post-cancun");
        }
        if (versionedHashes.isEmpty()) {
          throw EngineErrors.invalidParams("nil versionedHashes post-cancun");
        }
        if (beaconRoot.isEmpty()) {
          throw EngineErrors.invalidParams("nil beaconRoot post-cancun");
        }
        if (fork != Fork.CANCUN) {
          throw EngineErrors.unsupportedFork(
              "newPayloadV3 must only be called for cancun payloads");
        }
      }
      default -> throw new IllegalArgumentException("no engine_newPayloadV" + version);
    }
  }

  private static void checkNoBlobFields(ExecutionPayload payload) {
    if (payload.excessBlobGas().isPresent()) {
      throw EngineErrors.invalidParams("non-nil excessBlobGas pre-cancun");
    }
    if (payload.blobGasUsed().isPresent()) {
      throw EngineErrors.invalidParams("non-nil blobGasUsed pre-cancun");
    }
  }

  private PayloadStatus importPayload(
      int version,
      ExecutionPayload payload,
      Optional<List<Hash>> versionedHashes,
      Optional<Hash> beaconRoot) {
    Block block;
    try {
      block = PayloadBlocks.toBlock(payload, beaconRoot);
    } catch (InvalidPayloadException e) {
      return PayloadStatus.invalid(Optional.empty(), e.getMessage());
    }
    if (versionedHashes.isPresent()) {
      List<Hash> actual = ExecutionPayload.blobVersionedHashes(block);
      if (!actual.equals(versionedHashes.get())) {
        return PayloadStatus.invalid(
            Optional.empty(),
            "invalid versionedHashes: expected " + versionedHashes.get() + ", block has " + actual);
      }
    }
    Hash hash = block.hash();
    if (!hash.equals(payload.blockHash())) {
      String error = "blockhash mismatch, want " + payload.blockHash() + ", got " + hash;
      return version == 1
          ? new PayloadStatus(
              PayloadStatus.Status.INVALID_BLOCK_HASH, Optional.empty(), Optional.of(error))
          : PayloadStatus.invalid(Optional.empty(), error);
    }
    if (chain.contains(hash)) {
      return PayloadStatus.valid(hash);
    }
    Optional<Header> bad = invalidAncestors.check(hash, hash);
    if (bad.isPresent()) {
      return linksToInvalid(bad.get());
    }
    Header header = block.header();
    Optional<Header> parent = chain.header(header.parentHash());
    if (parent.isEmpty()) {
      bad = invalidAncestors.check(header.parentHash(), hash);
      return bad.isPresent() ? linksToInvalid(bad.get()) : PayloadStatus.syncing();
    }
    if (Long.compareUnsigned(header.timestamp(), parent.get().timestamp()) <= 0) {
      return PayloadStatus.invalid(Optional.of(header.parentHash()), "invalid timestamp");
    }
    try {
      Optional<BuiltPayload> built = builder.builtPayload(hash);
      if (built.isPresent()) {
        // Built and executed here: no need to run it again; its blobs are kept with it.
        chain.importSealed(built.get().sealed(), built.get().sidecars(), false);
      } else {
        chain.importBlock(block);
      }
      return PayloadStatus.valid(hash);
    } catch (InvalidBlockException e) {
      LOG.warn("invalid payload #{} {}: {}", header.number(), hash, e.getMessage());
      invalidAncestors.invalid(hash, header);
      return PayloadStatus.invalid(Optional.of(header.parentHash()), e.getMessage());
    } catch (UnknownBlockException e) {
      return PayloadStatus.syncing();
    }
  }

  private static PayloadStatus linksToInvalid(Header bad) {
    return PayloadStatus.invalid(
        Optional.of(bad.parentHash()), "links to previously rejected block");
  }

  // ---- engine_forkchoiceUpdated ----

  /**
   * {@code engine_forkchoiceUpdatedV<version>}: makes {@code state.headBlockHash} the head and
   * labels the safe and finalized blocks, then starts a build with {@code attributes} if given.
   *
   * @throws RpcException -38002 for an inconsistent forkchoice state (nothing is changed then),
   *     -38003 or -38005 for attributes this version or the chain does not take (the forkchoice
   *     state stays applied), -32602 for V1 attributes with later fields
   */
  public ForkchoiceUpdatedResult forkchoiceUpdated(
      int version, ForkchoiceState state, Optional<PayloadAttributes> attributes) {
    if (version < 1 || version > 3) {
      throw new IllegalArgumentException("no engine_forkchoiceUpdatedV" + version);
    }
    if (version == 1 && attributes.isPresent()) {
      PayloadAttributes a = attributes.get();
      if (a.withdrawals().isPresent() || a.parentBeaconBlockRoot().isPresent()) {
        throw EngineErrors.invalidParams("withdrawals and beacon root not supported in V1");
      }
      Header head = chain.header(state.headBlockHash()).orElse(null);
      if (head != null
          && chain.rules().fork(head.number() + 1, a.timestamp()).isAtLeast(Fork.SHANGHAI)) {
        throw EngineErrors.invalidParams("forkChoiceUpdateV1 called post-shanghai");
      }
    }
    long start = System.nanoTime();
    forkchoiceLock.lock();
    try {
      ForkchoiceUpdatedResult result = applyForkchoice(version, state, attributes);
      record("engine.forkchoice_updated", start, result.payloadStatus().status().name());
      return result;
    } finally {
      forkchoiceLock.unlock();
    }
  }

  private ForkchoiceUpdatedResult applyForkchoice(
      int version, ForkchoiceState state, Optional<PayloadAttributes> attributes) {
    Hash headHash = state.headBlockHash();
    if (headHash.isZero()) {
      LOG.warn("forkchoice update to the zero hash");
      return new ForkchoiceUpdatedResult(
          new PayloadStatus(PayloadStatus.Status.INVALID, Optional.empty(), Optional.empty()),
          Optional.empty());
    }
    Optional<Header> head = chain.header(headHash);
    if (head.isEmpty()) {
      Optional<Header> bad = invalidAncestors.check(headHash, headHash);
      return new ForkchoiceUpdatedResult(
          bad.isPresent() ? linksToInvalid(bad.get()) : PayloadStatus.syncing(), Optional.empty());
    }
    PayloadStatus valid = PayloadStatus.valid(headHash);
    // paris.md 2: a head below the finalized block changes nothing and builds nothing.
    Optional<ChainHead> finalized = chain.finalized();
    if (finalized.isPresent()
        && head.get().number() < finalized.get().number()
        && chain.canonicalHash(head.get().number()).filter(headHash::equals).isPresent()) {
      return new ForkchoiceUpdatedResult(valid, Optional.empty());
    }
    Optional<Hash> safe = nonZero(state.safeBlockHash());
    Optional<Hash> finalizedHash = nonZero(state.finalizedBlockHash());
    checkLabel(safe, "safe");
    checkLabel(finalizedHash, "final");
    if (!chain.head().hash().equals(headHash)) {
      builder.quiesce(); // builds read the head state, which is about to move
    }
    try {
      chain.forkChoice(headHash, safe, finalizedHash);
    } catch (InvalidForkChoiceException | UnknownBlockException e) {
      throw EngineErrors.invalidForkchoiceState(e.getMessage());
    }
    if (attributes.isEmpty()) {
      return new ForkchoiceUpdatedResult(valid, Optional.empty());
    }
    PayloadAttributes a = attributes.get();
    checkAttributes(version, head.get(), a);
    PayloadId id = PayloadIds.of(headHash, a, version);
    if (builder.job(id).isEmpty()) {
      try {
        builder.start(id, headHash, a);
      } catch (InvalidBlockException | UnknownBlockException e) {
        throw EngineErrors.invalidPayloadAttributes(e.getMessage());
      }
    }
    return new ForkchoiceUpdatedResult(valid, Optional.of(id));
  }

  private void checkLabel(Optional<Hash> hash, String name) {
    if (hash.isPresent() && !chain.contains(hash.get())) {
      throw EngineErrors.invalidForkchoiceState(name + " block not available in database");
    }
  }

  private static Optional<Hash> nonZero(Hash hash) {
    return hash.isZero() ? Optional.empty() : Optional.of(hash);
  }

  /** shanghai.md and cancun.md: which attribute fields each version takes, per fork. */
  private void checkAttributes(int version, Header head, PayloadAttributes a) {
    Fork fork = chain.rules().fork(head.number() + 1, a.timestamp());
    switch (version) {
      case 2 -> {
        if (a.parentBeaconBlockRoot().isPresent()) {
          throw EngineErrors.invalidPayloadAttributes("unexpected beacon root");
        }
        if (fork.isAtLeast(Fork.CANCUN)) {
          throw EngineErrors.unsupportedFork(
              "forkchoiceUpdatedV2 must only be called with paris and shanghai payloads");
        }
        if (fork.isAtLeast(Fork.SHANGHAI) && a.withdrawals().isEmpty()) {
          throw EngineErrors.invalidPayloadAttributes("missing withdrawals");
        }
        if (fork.isBefore(Fork.SHANGHAI) && a.withdrawals().isPresent()) {
          throw EngineErrors.invalidPayloadAttributes("withdrawals before shanghai");
        }
      }
      case 3 -> {
        if (a.withdrawals().isEmpty()) {
          throw EngineErrors.invalidPayloadAttributes("missing withdrawals");
        }
        if (a.parentBeaconBlockRoot().isEmpty()) {
          throw EngineErrors.invalidPayloadAttributes("missing beacon root");
        }
        if (fork != Fork.CANCUN) {
          throw EngineErrors.unsupportedFork(
              "forkchoiceUpdatedV3 must only be called for cancun payloads");
        }
      }
      default -> {}
    }
    if (Long.compareUnsigned(a.timestamp(), head.timestamp()) <= 0) {
      throw EngineErrors.invalidPayloadAttributes(
          "invalid timestamp: parent "
              + Long.toUnsignedString(head.timestamp())
              + ", given "
              + Long.toUnsignedString(a.timestamp()));
    }
    if (chain.config().isOptimism()) {
      if (a.gasLimit().isEmpty()) {
        throw EngineErrors.invalidPayloadAttributes("gasLimit parameter is required");
      }
    } else if (a.eip1559Params().isPresent()) {
      throw EngineErrors.invalidPayloadAttributes(
          "eip1559Params are only taken by OP Stack chains (Holocene)");
    }
    // Jovian's minimum base fee: this engine executes OP chains through Holocene only.
    if (a.minBaseFee().isPresent()) {
      throw EngineErrors.invalidPayloadAttributes("minBaseFee must be null before Jovian");
    }
  }

  // ---- engine_getPayload ----

  /**
   * {@code engine_getPayloadV<version>}: the best version of the build so far; refilling stops.
   *
   * @throws RpcException -38001 for an unknown id, -38005 when the payload's fork is not one this
   *     version returns
   */
  public BuiltPayload getPayload(int version, PayloadId id) {
    PayloadJob job = builder.job(id).orElseThrow(EngineErrors::unknownPayload);
    Header parent = chain.header(job.parent()).orElseThrow(EngineErrors::unknownPayload);
    Fork fork = chain.rules().fork(parent.number() + 1, job.attributes().timestamp());
    boolean supported =
        switch (version) {
          case 1 -> fork.isBefore(Fork.SHANGHAI);
          case 2 -> fork.isBefore(Fork.CANCUN);
          case 3 -> fork == Fork.CANCUN;
          default -> throw new IllegalArgumentException("no engine_getPayloadV" + version);
        };
    if (!supported) {
      throw EngineErrors.unsupportedFork(
          "engine_getPayloadV" + version + " cannot return a " + fork.testName() + " payload");
    }
    return job.resolve();
  }

  // ---- identification ----

  /** {@code engine_exchangeCapabilities}: the methods this side supports (common.md). */
  public List<String> exchangeCapabilities(List<String> consensusMethods) {
    return CAPABILITIES;
  }

  /** {@code engine_getClientVersionV1}: this client's version (identification.md). */
  public List<ClientVersion> getClientVersion(ClientVersion consensusClient) {
    LOG.debug("consensus client {}", consensusClient);
    return List.of(clientVersion);
  }

  // ---- metrics ----

  /** Timers {@code engine.new_payload} and {@code engine.forkchoice_updated} by status. */
  @Override
  public void bindTo(MeterRegistry meters) {
    registry = Optional.of(meters);
    builder.bindTo(meters);
  }

  private void record(String name, long startNanos, String status) {
    registry.ifPresent(
        r ->
            Timer.builder(name)
                .tag("status", status)
                .register(r)
                .record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS));
  }

  boolean isOptimism() {
    return chain.config().isOptimism();
  }
}
