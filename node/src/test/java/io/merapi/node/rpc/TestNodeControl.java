package io.merapi.node.rpc;

import io.merapi.base.bytes.Hash;
import io.merapi.node.driver.NodeControl;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A driver stand-in holding a fixed status and a sequencer switch, with op-node's refusals. */
final class TestNodeControl implements NodeControl {
  private final SyncStatus status;
  private Hash unsafeHead;
  private boolean sequencing;
  final List<ExecutionPayloadEnvelope> posted = new CopyOnWriteArrayList<>();
  final AtomicInteger resets = new AtomicInteger();

  TestNodeControl(SyncStatus status) {
    this.status = status;
    this.unsafeHead = status.unsafeL2().hash();
  }

  @Override
  public SyncStatus syncStatus() {
    return status;
  }

  @Override
  public synchronized void startSequencer(Hash head) {
    if (sequencing) {
      throw new IllegalStateException("sequencer already running");
    }
    if (!head.equals(unsafeHead)) {
      throw new IllegalStateException(
          "block hash does not match: head " + unsafeHead.toHex() + ", received " + head.toHex());
    }
    sequencing = true;
  }

  @Override
  public synchronized Hash stopSequencer() {
    if (!sequencing) {
      throw new IllegalStateException("sequencer not running");
    }
    sequencing = false;
    return unsafeHead;
  }

  @Override
  public synchronized boolean sequencerActive() {
    return sequencing;
  }

  @Override
  public void postUnsafePayload(ExecutionPayloadEnvelope envelope) {
    posted.add(envelope);
  }

  @Override
  public void resetDerivationPipeline() {
    resets.incrementAndGet();
  }
}
