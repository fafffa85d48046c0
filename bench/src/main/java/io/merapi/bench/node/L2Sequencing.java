package io.merapi.bench.node;

import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.derive.L1BlockRef;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.attributes.AttributesBuilder;
import io.merapi.node.engine.Engine;
import io.merapi.node.engine.RpcL2Client;
import io.merapi.node.l1.L1Client;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.engine.ForkchoiceState;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.engine.PayloadStatus;
import java.util.List;
import java.util.Optional;

/**
 * Builds the sequencer's L2 chain through the Engine API, as a sequencer does but without waiting
 * for wall-clock time: each block's attributes come from derivation's {@link AttributesBuilder}
 * (the L1 info deposit and the epoch's deposits) with the benchmark's transactions appended and the
 * pool left out, then {@code forkchoiceUpdated} with them, {@code getPayload}, {@code newPayload}
 * and {@code forkchoiceUpdated} to the new block.
 *
 * <p>The L1 origin advances to the next L1 block as soon as the L2 time reaches it, so every L2
 * block is within a slot of its origin (well inside the sequencer drift); the caller mines L1
 * blocks ahead of the L2 time.
 */
final class L2Sequencing {
  private final RollupConfig rollup;
  private final Engine engine;
  private final RpcL2Client l2;
  private final L1Client l1;
  private final AttributesBuilder attributes;
  private L2BlockRef head;

  L2Sequencing(RollupConfig rollup, Engine engine, RpcL2Client l2, L1Client l1) {
    this.rollup = rollup;
    this.engine = engine;
    this.l2 = l2;
    this.l1 = l1;
    this.attributes = new AttributesBuilder(rollup, l1, l2);
    this.head = l2.l2BlockRefByHash(rollup.genesis().l2().hash());
  }

  /** The time of the next block. */
  long nextTime() {
    return head.time() + rollup.blockTime();
  }

  /** Builds the next block with {@code transactions} after the deposits. */
  ExecutionPayloadEnvelope build(List<Bytes> transactions) {
    long time = nextTime();
    RollupConfig.BlockId origin = head.l1Origin();
    Optional<L1BlockRef> next = l1.blockRefByNumber(origin.number() + 1);
    if (next.isPresent() && Long.compareUnsigned(next.get().time(), time) <= 0) {
      origin = next.get().id();
    }
    PayloadAttributes prepared = attributes.prepare(head, origin);
    List<Bytes> all = new java.util.ArrayList<>(prepared.transactions());
    all.addAll(transactions);
    PayloadAttributes withTxs = prepared.withTransactions(all).withNoTxPool(true);
    Engine.ForkchoiceUpdate started =
        engine.forkchoiceUpdated(
            new ForkchoiceState(head.hash(), Hash.ZERO, Hash.ZERO), Optional.of(withTxs));
    if (started.status().status() != PayloadStatus.Status.VALID || started.payloadId().isEmpty()) {
      throw new IllegalStateException("the sequencer engine did not start a build: " + started);
    }
    ExecutionPayloadEnvelope envelope =
        engine.getPayload(started.payloadId().get(), withTxs.timestamp());
    if (envelope.payload().transactions().size() != all.size()) {
      throw new IllegalStateException(
          "block "
              + envelope.payload().blockNumber()
              + " holds "
              + envelope.payload().transactions().size()
              + " of "
              + all.size()
              + " transactions");
    }
    PayloadStatus imported = engine.newPayload(envelope);
    if (imported.status() != PayloadStatus.Status.VALID) {
      throw new IllegalStateException("the sequencer engine refused its block: " + imported);
    }
    Hash hash = envelope.payload().blockHash();
    engine.forkchoiceUpdated(new ForkchoiceState(hash, Hash.ZERO, Hash.ZERO), Optional.empty());
    head = l2.l2BlockRefByHash(hash);
    return envelope;
  }
}
