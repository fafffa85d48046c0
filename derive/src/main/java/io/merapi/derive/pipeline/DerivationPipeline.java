package io.merapi.derive.pipeline;

import io.merapi.derive.DerivationException;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.AttributesBuilder;
import io.merapi.derive.source.BlobSource;
import io.merapi.derive.source.L1Source;
import io.merapi.derive.source.L2Source;
import io.merapi.derive.stage.AttributesQueue;
import io.merapi.derive.stage.AttributesWithParent;
import io.merapi.derive.stage.BatchQueue;
import io.merapi.derive.stage.BatchStage;
import io.merapi.derive.stage.ChannelAssembler;
import io.merapi.derive.stage.ChannelBank;
import io.merapi.derive.stage.ChannelInReader;
import io.merapi.derive.stage.FrameQueue;
import io.merapi.derive.stage.L1DataSource;
import io.merapi.derive.stage.L1Retrieval;
import io.merapi.derive.stage.L1Traversal;
import io.merapi.derive.stage.NextBatch;
import io.merapi.derive.stage.ProtocolParameters;
import io.merapi.derive.stage.Signal;
import io.merapi.derive.stage.SignalReceiver;
import io.merapi.derive.stage.SingularBatchProvider;
import io.merapi.derive.stage.SpanBatchStage;
import io.merapi.derive.stage.StageResult;
import io.merapi.types.config.OpFork;
import io.merapi.types.config.RollupConfig;
import java.util.List;
import java.util.Objects;

/**
 * The derivation pipeline (specs derivation.md "L2 Chain Derivation Pipeline"): L1 traversal, L1
 * retrieval, frame queue, channel bank (channel assembler from Holocene), channel reader, batch
 * queue (span batch stage and batch stage from Holocene) and attributes queue, pulled from the
 * inner end by {@link #step}.
 *
 * <p>A driver calls {@code step(pendingSafeHead)} in a loop: {@link StepResult.Attributes} are
 * built on top of the pending safe head by the engine, which then becomes the new pending safe
 * head; {@link StepResult.Idle} means waiting for the next L1 block. A new pipeline starts with a
 * reset, so the first step rewinds from the given safe head; after a {@link
 * DerivationException.Reset} the driver calls {@link #reset()} and steps on.
 */
public final class DerivationPipeline {

  private final RollupConfig config;
  private final ProtocolParameters params;
  private final L1Source l1;
  private final L2Source l2;

  private final L1Traversal traversal;
  private final L1Retrieval retrieval;
  private final FrameQueue frameQueue;
  private final ChannelBank channelBank;
  private final ChannelAssembler channelAssembler;
  private final ChannelInReader channelInReader;
  private final BatchQueue batchQueue;
  private final SpanBatchStage spanBatchStage;
  private BatchStage batchStage;
  private final AttributesQueue attributesQueue;

  /** Whether the Holocene stages are the active ones. */
  private boolean holocene;

  /** The L1 block the last attributes were derived from (op-node's pipeline origin). */
  private L1BlockRef origin;

  private boolean resetting = true;

  /**
   * The pipeline of the rollup described by {@code config}, reading L1 blocks and blobs and the L2
   * chain it derives onto, with the project's attributes builder.
   */
  public DerivationPipeline(RollupConfig config, L1Source l1, BlobSource blobs, L2Source l2) {
    this(config, l1, blobs, l2, new AttributesBuilder(config, l1, l2)::prepare);
  }

  /**
   * The same with another attributes builder (tests; a fault-proof program with its own).
   *
   * @param attributes the deposits-only attributes of a block on a parent in an epoch (the
   *     attributes builder's {@code prepare})
   */
  public DerivationPipeline(
      RollupConfig config,
      L1Source l1,
      BlobSource blobs,
      L2Source l2,
      AttributesQueue.PayloadAttributesBuilder attributes) {
    this.config = Objects.requireNonNull(config, "config");
    this.l1 = Objects.requireNonNull(l1, "l1");
    this.l2 = Objects.requireNonNull(l2, "l2");
    Objects.requireNonNull(blobs, "blobs");
    Objects.requireNonNull(attributes, "attributes");
    this.params = new ProtocolParameters(config);
    RollupConfig.RollupGenesis genesis = config.genesis();
    // A placeholder until the first step resets the pipeline from the real safe head.
    this.origin =
        new L1BlockRef(genesis.l1().hash(), genesis.l1().number(), genesis.l1().hash(), 0);
    this.traversal = new L1Traversal(config, l1, origin, genesis.systemConfig());
    this.retrieval = new L1Retrieval(traversal::nextL1Block, new L1DataSource(config, l1, blobs));
    this.frameQueue = new FrameQueue(params, retrieval::nextData, traversal);
    this.channelBank = new ChannelBank(params, frameQueue::nextFrame, traversal);
    this.channelAssembler = new ChannelAssembler(params, frameQueue::nextFrame, traversal);
    this.channelInReader = new ChannelInReader(params, this::nextRawChannel, traversal);
    this.batchQueue = new BatchQueue(params, channelInReader::nextBatch, traversal, l2);
    this.spanBatchStage =
        new SpanBatchStage(params, channelInReader::nextBatch, l2, this::flushChannel);
    this.batchStage = new BatchStage(params, spanBatchStage, traversal, this::flushChannel);
    this.attributesQueue =
        new AttributesQueue(config, this::nextBatch, traversal, attributes, this::flushChannel);
  }

  /**
   * Moves derivation one step forward on top of {@code pendingSafeHead}, the last block built from
   * this pipeline's attributes (or the safe head after a reset).
   *
   * @throws DerivationException.Temporary a source did not answer: step again later
   * @throws DerivationException.Reset the L1 chain or the safe chain changed: {@link #reset()}
   * @throws DerivationException.Critical derivation cannot go on
   */
  public StepResult step(L2BlockRef pendingSafeHead) {
    Objects.requireNonNull(pendingSafeHead, "pendingSafeHead");
    if (resetting) {
      resetFrom(pendingSafeHead);
      resetting = false;
      return new StepResult.Progress();
    }
    L1BlockRef newOrigin = traversal.origin();
    if (!newOrigin.equals(origin)) {
      verifyNewL1Origin(origin, newOrigin);
      if (!holocene && params.isActive(OpFork.HOLOCENE, newOrigin.time())) {
        activateHolocene();
      }
      origin = newOrigin;
    }
    return switch (attributesQueue.nextAttributes(pendingSafeHead)) {
      case StageResult.Ready<AttributesWithParent>(var attributes) ->
          new StepResult.Attributes(attributes);
      case StageResult.NotEnoughData<AttributesWithParent> n -> new StepResult.Progress();
      // Every stage is out of data: only a new L1 block can help.
      case StageResult.Eof<AttributesWithParent> e ->
          traversal.advanceL1Block()
              ? new StepResult.AdvancedOrigin(traversal.origin())
              : new StepResult.Idle(traversal.origin());
    };
  }

  /**
   * Starts over at the next step: the pipeline rewinds from the pending safe head it is then given
   * (specs derivation.md "Resetting the Pipeline"). Call after a {@link DerivationException.Reset},
   * once the engine's heads are consistent with L1 again ({@link SyncStart#findL2Heads}).
   */
  public void reset() {
    resetting = true;
  }

  /** Whether the next step will reset the pipeline. */
  public boolean isResetting() {
    return resetting;
  }

  /**
   * The last attributes again with only their deposit transactions, after the engine found the
   * block INVALID (holocene/derivation.md "Engine Queue", steady block derivation). The rest of
   * their channel and span batch is dropped. Only from Holocene, by the L1 block they were derived
   * from; before it the driver drops the attributes and steps on. If the deposits-only block is
   * invalid too, that is critical.
   *
   * @throws DerivationException.Critical before Holocene, or if the request does not match the last
   *     attributes
   */
  public AttributesWithParent depositsOnlyAttributes(
      RollupConfig.BlockId parent, L1BlockRef derivedFrom) {
    if (!params.isActive(OpFork.HOLOCENE, derivedFrom.time())) {
      throw new DerivationException.Critical(
          "deposits-only attributes exist from Holocene only; before it an invalid payload's"
              + " batch is dropped");
    }
    return attributesQueue.depositsOnlyAttributes(parent, derivedFrom);
  }

  /** The L1 block the pipeline reads from: attributes returned next are derived from it. */
  public L1BlockRef origin() {
    return traversal.origin();
  }

  /** The system config as of {@link #origin()} (for the batcher address). */
  public RollupConfig.SystemConfig systemConfig() {
    return traversal.systemConfig();
  }

  /** Whether the Holocene stages (channel assembler, span batch stage, batch stage) are active. */
  public boolean holoceneStagesActive() {
    return holocene;
  }

  public RollupConfig config() {
    return config;
  }

  // ---- reset ----------------------------------------------------------------------------------

  /**
   * Walks back from {@code safeHead} until its L1 origin is a channel timeout older than the safe
   * head's, so that every channel that may hold batches after the safe head is read again (specs
   * "Finding the sync starting point", step 5; op-node's {@code initialReset}), then resets every
   * stage there with the system config of that L2 block.
   */
  private void resetFrom(L2BlockRef safeHead) {
    RollupConfig.RollupGenesis genesis = config.genesis();
    L2BlockRef pipelineL2 = safeHead;
    long safeOrigin = safeHead.l1Origin().number();
    L1BlockRef pipelineOrigin = l1.blockRefByHash(safeHead.l1Origin().hash());
    while (Long.compareUnsigned(pipelineL2.number(), genesis.l2().number()) > 0
        && Long.compareUnsigned(pipelineL2.l1Origin().number(), genesis.l1().number()) > 0
        && Long.compareUnsigned(
                pipelineL2.l1Origin().number() + params.channelTimeout(pipelineOrigin.time()),
                safeOrigin)
            > 0) {
      try {
        pipelineL2 = l2.l2BlockRefByHash(pipelineL2.parentHash());
      } catch (DerivationException.Temporary e) {
        throw new DerivationException.Reset(
            "cannot fetch L2 block " + pipelineL2.parentHash() + " while rewinding", e);
      }
      pipelineOrigin = l1.blockRefByHash(pipelineL2.l1Origin().hash());
    }
    RollupConfig.SystemConfig systemConfig = l2.systemConfigByL2Hash(pipelineL2.hash());
    resetStages(pipelineOrigin, systemConfig);
  }

  private void resetStages(L1BlockRef base, RollupConfig.SystemConfig systemConfig) {
    holocene = params.isActive(OpFork.HOLOCENE, base.time());
    if (holocene) {
      batchStage = new BatchStage(params, spanBatchStage, traversal, this::flushChannel);
    }
    Signal reset = new Signal.Reset(base, systemConfig);
    for (SignalReceiver stage : stages()) {
      stage.signal(reset);
    }
    origin = base;
  }

  /**
   * The Holocene transition (holocene/derivation.md "Activation"): when the pipeline's origin
   * reaches the first L1 block at or after Holocene, the frame queue, the channel bank and the
   * batch queue are emptied, and the channel assembler, span batch stage and batch stage take over.
   * The batch stage keeps the batch queue's L1 blocks, since the first Holocene channel holds
   * batches with pre-Holocene L1 origins.
   */
  private void activateHolocene() {
    Signal activation = new Signal.Activation(OpFork.HOLOCENE);
    for (SignalReceiver stage : stages()) {
      stage.signal(activation);
    }
    batchStage =
        BatchStage.continuing(batchQueue, params, spanBatchStage, traversal, this::flushChannel);
    holocene = true;
  }

  private List<SignalReceiver> stages() {
    return List.of(
        traversal,
        retrieval,
        frameQueue,
        channelBank,
        channelAssembler,
        channelInReader,
        batchQueue,
        spanBatchStage,
        batchStage,
        attributesQueue);
  }

  // ---- wiring ---------------------------------------------------------------------------------

  private StageResult<io.merapi.base.bytes.Bytes> nextRawChannel() {
    return holocene ? channelAssembler.nextRawChannel() : channelBank.nextRawChannel();
  }

  private StageResult<NextBatch> nextBatch(L2BlockRef parent) {
    SingularBatchProvider active = holocene ? batchStage : batchQueue;
    return active.nextBatch(parent);
  }

  private void flushChannel() {
    Signal flush = new Signal.FlushChannel();
    spanBatchStage.signal(flush);
    channelInReader.signal(flush);
    channelAssembler.signal(flush);
  }

  /**
   * Checks that the L1 block the pipeline moves to still extends the one it was at (op-node's
   * {@code VerifyNewL1Origin}).
   */
  private void verifyNewL1Origin(L1BlockRef previous, L1BlockRef next) {
    if (next.number() == previous.number() && !next.equals(previous)) {
      throw new DerivationException.Reset(
          "L1 origin " + next.id() + " differs from the previous origin " + previous.id());
    }
    if (next.number() == previous.number() + 1 && !next.parentHash().equals(previous.hash())) {
      throw new DerivationException.Reset(
          "previous L1 origin " + previous.id() + " is no longer canonical");
    }
    if (Long.compareUnsigned(next.number(), previous.number() + 1) > 0) {
      L1BlockRef canonical =
          l1.blockRefByNumber(previous.number())
              .orElseThrow(
                  () ->
                      new DerivationException.Temporary(
                          "L1 block " + Long.toUnsignedString(previous.number()) + " not found"));
      if (!canonical.equals(previous)) {
        throw new DerivationException.Reset(
            "previous L1 origin " + previous.id() + " is no longer canonical");
      }
    }
  }
}
