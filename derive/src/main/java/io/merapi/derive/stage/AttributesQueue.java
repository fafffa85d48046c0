package io.merapi.derive.stage;

import io.merapi.base.bytes.Bytes;
import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.batch.SingularBatch;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The seventh stage (specs derivation.md "Payload Attributes Derivation"): turns each batch into
 * payload attributes on top of the pending safe head: the builder's deposits (L1 info, user
 * deposits, upgrade transactions) followed by the batch's transactions, with {@code noTxPool}.
 */
public final class AttributesQueue implements SignalReceiver {

  /**
   * Builds the attributes of the block after {@code parent} in epoch {@code epoch}, without the
   * batch's transactions (the attributes builder; specs derivation.md "Building Individual Payload
   * Attributes"). Throws {@link DerivationException}s by level: temporary if an L1 or L2 source did
   * not answer, reset if the epoch does not fit the chain, critical otherwise.
   */
  @FunctionalInterface
  public interface PayloadAttributesBuilder {
    PayloadAttributes prepare(L2BlockRef parent, RollupConfig.BlockId epoch);
  }

  private final RollupConfig config;
  private final SingularBatchProvider prev;
  private final OriginProvider origin;
  private final PayloadAttributesBuilder builder;
  private final ChannelFlusher flusher;
  private NextBatch pending;
  private AttributesWithParent last;

  public AttributesQueue(
      RollupConfig config,
      SingularBatchProvider prev,
      OriginProvider origin,
      PayloadAttributesBuilder builder,
      ChannelFlusher flusher) {
    this.config = Objects.requireNonNull(config, "config");
    this.prev = Objects.requireNonNull(prev, "prev");
    this.origin = Objects.requireNonNull(origin, "origin");
    this.builder = Objects.requireNonNull(builder, "builder");
    this.flusher = Objects.requireNonNull(flusher, "flusher");
  }

  /**
   * The attributes of the block after {@code parent}. A batch is kept until its attributes are
   * built, so a temporary failure of the builder loses nothing.
   */
  public StageResult<AttributesWithParent> nextAttributes(L2BlockRef parent) {
    if (pending == null) {
      switch (prev.nextBatch(parent)) {
        case StageResult.Ready<NextBatch>(var next) -> pending = next;
        case StageResult.NotEnoughData<NextBatch> n -> {
          return StageResult.notEnoughData();
        }
        case StageResult.Eof<NextBatch> e -> {
          return StageResult.eof();
        }
      }
    }
    PayloadAttributes attributes = build(pending.batch(), parent);
    AttributesWithParent out =
        new AttributesWithParent(attributes, parent, pending.concluding(), origin.origin());
    last = out;
    pending = null;
    return StageResult.ready(out);
  }

  private PayloadAttributes build(SingularBatch batch, L2BlockRef parent) {
    // The batch stages hand out only batches for the block after the safe head they were given.
    if (!batch.parentHash().equals(parent.hash())) {
      throw new DerivationException.Reset(
          "valid batch has parent " + batch.parentHash() + ", expected " + parent.hash());
    }
    long expected = parent.time() + config.blockTime();
    if (batch.timestamp() != expected) {
      throw new DerivationException.Reset(
          "valid batch has timestamp "
              + Long.toUnsignedString(batch.timestamp())
              + ", expected "
              + Long.toUnsignedString(expected));
    }
    PayloadAttributes base =
        builder.prepare(parent, new RollupConfig.BlockId(batch.epochHash(), batch.epochNum()));
    List<Bytes> transactions = new ArrayList<>(base.transactions());
    transactions.addAll(batch.transactions());
    // Verifying, not sequencing: the block is exactly these transactions.
    return base.withTransactions(transactions).withNoTxPool(true);
  }

  /**
   * The last attributes again with only their deposits, after the engine found them INVALID
   * (holocene/derivation.md "Engine Queue"); the rest of their span batch and channel is dropped.
   *
   * @throws DerivationException.Critical if these are not the last attributes handed out
   */
  public AttributesWithParent depositsOnlyAttributes(
      RollupConfig.BlockId parent, L1BlockRef derivedFrom) {
    if (pending != null) {
      throw new DerivationException.Critical(
          "deposits-only attributes requested while batch "
              + Long.toUnsignedString(pending.batch().timestamp())
              + " is pending");
    }
    if (last == null) {
      throw new DerivationException.Critical(
          "deposits-only attributes requested, but no attributes were derived since the last"
              + " reset");
    }
    if (!derivedFrom.equals(last.derivedFrom())) {
      throw new DerivationException.Critical(
          "deposits-only attributes requested for L1 origin "
              + derivedFrom.id()
              + ", the last attributes came from "
              + last.derivedFrom().id());
    }
    if (!parent.equals(last.parent().id())) {
      throw new DerivationException.Critical(
          "deposits-only attributes requested on parent "
              + parent
              + ", the last attributes were built on "
              + last.parent().id());
    }
    flusher.flushChannel();
    last = last.withDepositsOnly();
    return last;
  }

  @Override
  public void signal(Signal signal) {
    if (signal instanceof Signal.Reset) {
      pending = null;
      last = null;
    }
  }
}
