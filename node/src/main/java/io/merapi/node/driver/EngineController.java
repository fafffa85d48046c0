package io.merapi.node.driver;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.pipeline.L2Heads;
import io.merapi.derive.stage.AttributesWithParent;
import io.merapi.node.client.BlockLabel;
import io.merapi.node.engine.Engine;
import io.merapi.node.engine.EngineException;
import io.merapi.node.engine.L2Client;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadId;
import io.merapi.types.engine.PayloadStatus;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The execution engine as the rollup node drives it (op-node's {@code EngineController}; specs
 * derivation.md "Engine Queue"): the unsafe, pending-safe, safe and finalized L2 heads, and the
 * Engine API calls that move them. Every forkchoice update carries the current safe and finalized
 * blocks, so the engine's labels follow the node's.
 *
 * <p>Engine failures surface as {@link DerivationException}s so that the driver treats derivation
 * and engine trouble alike: an unreachable or syncing engine is temporary, a rejected forkchoice is
 * a reset. Only the driver's thread calls the mutators; {@link #heads()} may be read from any.
 */
final class EngineController {
  private static final Logger LOG = LoggerFactory.getLogger(EngineController.class);

  /** A block the engine built, or why it could not. */
  sealed interface BuildResult {
    record Built(L2BlockRef ref, ExecutionPayloadEnvelope envelope) implements BuildResult {}

    record Invalid(String reason) implements BuildResult {}
  }

  /** The four heads, replaced as a whole so that readers on other threads see a consistent set. */
  record Heads(L2BlockRef unsafe, L2BlockRef pendingSafe, L2BlockRef safe, L2BlockRef finalized) {
    L2Heads forkchoice() {
      return new L2Heads(unsafe, safe, finalized);
    }
  }

  private final RollupConfig config;
  private final Engine engine;
  private final L2Client l2;
  private final List<SafeHeadListener> listeners = new CopyOnWriteArrayList<>();
  private volatile Heads heads;

  EngineController(RollupConfig config, Engine engine, L2Client l2, L2BlockRef genesis) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.l2 = Objects.requireNonNull(l2, "l2");
    this.heads = new Heads(genesis, genesis, genesis, genesis);
  }

  void addListener(SafeHeadListener listener) {
    listeners.add(listener);
  }

  Heads heads() {
    return heads;
  }

  /**
   * The heads the engine reports through its block labels, for a start or a restart: the node keeps
   * no heads of its own, so that after a crash it goes on from what the engine stored.
   */
  L2Heads engineHeads(L2BlockRef genesis) {
    L2BlockRef unsafe = l2.blockRefByLabel(BlockLabel.LATEST).orElse(genesis);
    L2BlockRef safe = l2.blockRefByLabel(BlockLabel.SAFE).orElse(genesis);
    L2BlockRef finalized = l2.blockRefByLabel(BlockLabel.FINALIZED).orElse(genesis);
    return new L2Heads(unsafe, safe, finalized);
  }

  /** Points the engine at {@code target} (after a restart or a reset) and takes it as the heads. */
  void resetTo(L2Heads target) {
    forkchoice(target.unsafe(), target.safe(), target.finalized());
    heads = new Heads(target.unsafe(), target.safe(), target.safe(), target.finalized());
    for (SafeHeadListener listener : listeners) {
      listener.safeHeadReset(target.safe());
    }
  }

  /**
   * Derived attributes on the pending safe head: the unsafe block at that height is consolidated if
   * it is exactly what they describe, otherwise they are built and replace the unsafe chain from
   * there (derivation.md "Engine Queue", consolidation).
   *
   * @return the built or consolidated block, or why the engine found the attributes invalid
   */
  BuildResult applyDerived(AttributesWithParent derived) {
    Heads h = heads;
    if (!derived.parent().hash().equals(h.pendingSafe().hash())) {
      throw new DerivationException.Reset(
          "derived attributes for the child of "
              + derived.parent().id()
              + ", but the pending safe head is "
              + h.pendingSafe().id());
    }
    long next = h.pendingSafe().number() + 1;
    if (Long.compareUnsigned(h.unsafe().number(), next) >= 0) {
      Optional<ExecutionPayloadEnvelope> existing = l2.payloadByNumber(next);
      if (existing.isPresent()) {
        Optional<String> why =
            AttributesMatch.mismatch(
                config, derived.attributes(), h.pendingSafe().hash(), existing.get());
        if (why.isEmpty()) {
          L2BlockRef ref = l2.l2BlockRefByHash(existing.get().payload().blockHash());
          promote(ref, derived.concluding(), derived.derivedFrom(), false);
          return new BuildResult.Built(ref, existing.get());
        }
        LOG.warn(
            "Unsafe block {} does not match the derived attributes ({}): replacing the unsafe"
                + " chain from there",
            next,
            why.get());
      }
    }
    BuildResult result = build(h.pendingSafe(), derived.attributes(), derived.concluding());
    if (result instanceof BuildResult.Built built) {
      promote(built.ref(), derived.concluding(), derived.derivedFrom(), true);
    }
    return result;
  }

  /**
   * A derived block became the pending safe head (and the safe head if its batch is concluded). A
   * newly built one is the new unsafe head too, and the engine was told so together with the safe
   * head when it was inserted; a consolidated one leaves the unsafe head.
   */
  private void promote(
      L2BlockRef block, boolean concluding, L1BlockRef derivedFrom, boolean builtHere) {
    Heads h = heads;
    L2BlockRef unsafe = builtHere ? block : h.unsafe();
    L2BlockRef safe = concluding ? block : h.safe();
    if (concluding && !builtHere) {
      // The engine first: if it cannot be reached, the heads stay as they were and the same
      // attributes are applied again (they then consolidate with the block built here). A block
      // built here was made head and safe in one forkchoice update when it was inserted.
      forkchoice(unsafe, safe, h.finalized());
    }
    heads = new Heads(unsafe, block, safe, h.finalized());
    if (concluding) {
      for (SafeHeadListener listener : listeners) {
        listener.safeHeadUpdated(derivedFrom, safe);
      }
    }
  }

  /**
   * Before Holocene an invalid derived payload's batch is dropped: the pending safe head goes back
   * to the safe head and derivation goes on (the unsafe chain was never moved).
   */
  void dropPendingSafe() {
    Heads h = heads;
    heads = new Heads(h.unsafe(), h.safe(), h.safe(), h.finalized());
  }

  /** The finalized head moves to {@code block} (never backwards). */
  void finalize(L2BlockRef block) {
    Heads h = heads;
    if (Long.compareUnsigned(block.number(), h.finalized().number()) <= 0) {
      return;
    }
    forkchoice(h.unsafe(), h.safe(), block);
    heads = new Heads(h.unsafe(), h.pendingSafe(), h.safe(), block);
  }

  // ---- building --------------------------------------------------------------------------------

  /** Starts building on {@code parent}: the engine's payload id, or why the attributes are bad. */
  sealed interface Started {
    record Building(PayloadId id, long timestamp) implements Started {}

    record Invalid(String reason) implements Started {}
  }

  Started startBuild(L2BlockRef parent, PayloadAttributes attributes) {
    Heads h = heads;
    ForkchoiceState state =
        new ForkchoiceState(parent.hash(), h.safe().hash(), h.finalized().hash());
    Engine.ForkchoiceUpdate update;
    try {
      update = engine.forkchoiceUpdated(state, Optional.of(attributes));
    } catch (EngineException.Temporary e) {
      throw new DerivationException.Temporary("engine unreachable: " + e.getMessage(), e);
    } catch (EngineException.Rejected e) {
      if (e.code() == EngineException.Rejected.INVALID_PAYLOAD_ATTRIBUTES) {
        return new Started.Invalid(e.getMessage());
      }
      throw new DerivationException.Reset("engine rejected forkchoice: " + e.getMessage(), e);
    }
    PayloadStatus status = update.status();
    switch (status.status()) {
      case VALID -> {}
      case INVALID, INVALID_BLOCK_HASH -> {
        return new Started.Invalid(status.validationError().orElse("invalid"));
      }
      default ->
          throw new DerivationException.Temporary(
              "engine is " + status.status() + " at " + parent.id() + ", cannot build yet");
    }
    PayloadId id =
        update
            .payloadId()
            .orElseThrow(
                () ->
                    new DerivationException.Temporary(
                        "engine returned no payload id for a block on " + parent.id()));
    return new Started.Building(id, attributes.timestamp());
  }

  /** Takes the payload being built, has the engine execute it and makes it the unsafe head. */
  BuildResult seal(Started.Building building) {
    return seal(building, false);
  }

  private BuildResult seal(Started.Building building, boolean safe) {
    ExecutionPayloadEnvelope envelope;
    try {
      envelope = engine.getPayload(building.id(), building.timestamp());
    } catch (EngineException.Temporary e) {
      throw new DerivationException.Temporary("engine unreachable: " + e.getMessage(), e);
    } catch (EngineException.Rejected e) {
      // An unknown payload id means the engine restarted mid-build: build again.
      throw new DerivationException.Temporary("engine lost payload: " + e.getMessage(), e);
    }
    return insert(envelope, safe);
  }

  /**
   * Builds a block from {@code attributes} on {@code parent} in one go (derived blocks); with
   * {@code safe} the forkchoice update that makes it the head makes it the safe head too (op-node
   * {@code ConfirmPayload} with {@code updateSafe}), saving a second update.
   */
  private BuildResult build(L2BlockRef parent, PayloadAttributes attributes, boolean safe) {
    return switch (startBuild(parent, attributes)) {
      case Started.Building b -> seal(b, safe);
      case Started.Invalid i -> new BuildResult.Invalid(i.reason());
    };
  }

  /**
   * Executes a payload on the engine and, if valid, makes it the unsafe head (an unsafe block from
   * the sequencer, or one built here).
   */
  BuildResult insert(ExecutionPayloadEnvelope envelope) {
    return insert(envelope, false);
  }

  private BuildResult insert(ExecutionPayloadEnvelope envelope, boolean safe) {
    PayloadStatus status;
    try {
      status = engine.newPayload(envelope);
    } catch (EngineException.Temporary e) {
      throw new DerivationException.Temporary("engine unreachable: " + e.getMessage(), e);
    } catch (EngineException.Rejected e) {
      return new BuildResult.Invalid(e.getMessage());
    }
    switch (status.status()) {
      case VALID -> {}
      case INVALID, INVALID_BLOCK_HASH -> {
        return new BuildResult.Invalid(status.validationError().orElse("invalid payload"));
      }
      default ->
          throw new DerivationException.Temporary(
              "engine answered "
                  + status.status()
                  + " for block "
                  + envelope.payload().blockNumber());
    }
    Heads h = heads;
    Hash hash = envelope.payload().blockHash();
    update(new ForkchoiceState(hash, safe ? hash : h.safe().hash(), h.finalized().hash()));
    L2BlockRef ref = l2.acceptedBlockRef(envelope);
    Heads now = heads;
    heads = new Heads(ref, now.pendingSafe(), now.safe(), now.finalized());
    return new BuildResult.Built(ref, envelope);
  }

  // ---- forkchoice ------------------------------------------------------------------------------

  private void forkchoice(L2BlockRef unsafe, L2BlockRef safe, L2BlockRef finalized) {
    update(new ForkchoiceState(unsafe.hash(), safe.hash(), finalized.hash()));
  }

  private void update(ForkchoiceState state) {
    Engine.ForkchoiceUpdate update;
    try {
      update = engine.forkchoiceUpdated(state, Optional.empty());
    } catch (EngineException.Temporary e) {
      throw new DerivationException.Temporary("engine unreachable: " + e.getMessage(), e);
    } catch (EngineException.Rejected e) {
      throw new DerivationException.Reset("engine rejected forkchoice: " + e.getMessage(), e);
    }
    switch (update.status().status()) {
      case VALID -> {}
      case INVALID, INVALID_BLOCK_HASH ->
          throw new DerivationException.Reset(
              "engine found forkchoice head "
                  + state.headBlockHash()
                  + " invalid: "
                  + update.status().validationError().orElse(""));
      default ->
          throw new DerivationException.Temporary(
              "engine is " + update.status().status() + " at " + state.headBlockHash());
    }
  }
}
