package io.merapi.node.driver;

import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.AttributesBuilder;
import io.merapi.derive.attributes.L1OriginSelector;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the unsafe L2 chain (specs rollup-node.md; op-node's {@code Sequencer}): for each block
 * time, attributes on the unsafe head with the L1 origin {@link L1OriginSelector} picks (over an L1
 * view that hides the last {@code --sequencer.l1-confs} blocks), the engine's transaction pool
 * unless the block may hold deposits only, then the payload sealed at its timestamp. Behind
 * schedule (after a stop, or catching up with L1), blocks are built back to back: the drift rule in
 * the origin selector keeps them valid.
 */
final class Sequencer {
  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);

  private final RollupConfig config;
  private final EngineController engine;
  private final L1OriginSelector origins;
  private final AttributesBuilder attributes;
  private boolean active;
  private Optional<Building> building = Optional.empty();

  /** A block the engine is building: on which parent, with which L1 origin. */
  private record Building(
      EngineController.Started.Building job, L2BlockRef parent, L1BlockRef origin) {}

  Sequencer(
      RollupConfig config,
      EngineController engine,
      L1OriginSelector origins,
      AttributesBuilder attributes,
      boolean active) {
    this.config = Objects.requireNonNull(config, "config");
    this.engine = Objects.requireNonNull(engine, "engine");
    this.origins = Objects.requireNonNull(origins, "origins");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.active = active;
  }

  boolean active() {
    return active;
  }

  void start() {
    active = true;
  }

  void stop() {
    active = false;
    building = Optional.empty();
  }

  /** Forgets a block in progress (the unsafe head moved under it). */
  void cancel() {
    building = Optional.empty();
  }

  /**
   * When the next action is due, in unix milliseconds: starting a block as soon as its parent is
   * sealed, sealing it at its timestamp.
   */
  long nextActionMillis() {
    if (!active) {
      return Long.MAX_VALUE;
    }
    return building.map(b -> b.job().timestamp() * 1000).orElse(0L);
  }

  /**
   * Does what is due at {@code nowMillis}: starts the next block, or seals the one being built.
   *
   * @return the sealed block, if one was sealed
   */
  Optional<EngineController.BuildResult.Built> act(long nowMillis) {
    if (!active) {
      return Optional.empty();
    }
    L2BlockRef head = engine.heads().unsafe();
    if (building.isPresent() && !building.get().parent().equals(head)) {
      // Derivation or an unsafe payload moved the head under the block in progress.
      building = Optional.empty();
    }
    if (building.isEmpty()) {
      startNext(head);
      return Optional.empty();
    }
    Building b = building.get();
    if (nowMillis < b.job().timestamp() * 1000) {
      return Optional.empty();
    }
    building = Optional.empty();
    return switch (engine.seal(b.job())) {
      case EngineController.BuildResult.Built built -> {
        LOG.info(
            "Sequenced block {} ({} txs) on L1 origin {}",
            built.ref().id(),
            built.envelope().payload().transactions().size(),
            b.origin().id());
        yield Optional.of(built);
      }
      case EngineController.BuildResult.Invalid invalid -> {
        LOG.error("Sequenced block on {} is invalid: {}", b.parent().id(), invalid.reason());
        yield Optional.empty();
      }
    };
  }

  private void startNext(L2BlockRef head) {
    L1BlockRef origin = origins.findL1Origin(head);
    PayloadAttributes prepared = attributes.prepare(head, origin.id());
    boolean noTxPool = L1OriginSelector.noTxPool(config, prepared.timestamp(), origin);
    PayloadAttributes withPool = prepared.withNoTxPool(noTxPool);
    switch (engine.startBuild(head, withPool)) {
      case EngineController.Started.Building job ->
          building = Optional.of(new Building(job, head, origin));
      case EngineController.Started.Invalid invalid ->
          LOG.error(
              "Engine rejected the attributes of the block after {}: {}",
              head.id(),
              invalid.reason());
    }
  }
}
