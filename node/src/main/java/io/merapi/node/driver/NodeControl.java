package io.merapi.node.driver;

import io.merapi.base.bytes.Hash;
import io.merapi.service.rollup.SyncStatus;
import io.merapi.types.engine.ExecutionPayloadEnvelope;

/**
 * What the rollup node's RPC asks of the running driver: its status, and with {@code
 * --rpc.enable-admin} the admin methods of op-node. Implementations are thread-safe: the RPC server
 * calls them from its own threads.
 */
public interface NodeControl {
  /** The node's current view of L1 and L2. */
  SyncStatus syncStatus();

  /**
   * {@code admin_startSequencer}: starts sequencing on top of {@code unsafeHead}, which must be the
   * current unsafe head.
   *
   * @throws IllegalStateException if this node is no sequencer, already sequencing, or the head
   *     differs
   */
  void startSequencer(Hash unsafeHead);

  /**
   * {@code admin_stopSequencer}: stops sequencing and returns the unsafe head it stopped at.
   *
   * @throws IllegalStateException if the sequencer is not running
   */
  Hash stopSequencer();

  /** {@code admin_sequencerActive}. */
  boolean sequencerActive();

  /**
   * {@code admin_postUnsafePayload}: an unsafe block from the sequencer (until gossip exists),
   * queued for the engine; the call returns once it is queued.
   */
  void postUnsafePayload(ExecutionPayloadEnvelope envelope);

  /** {@code admin_resetDerivationPipeline}: resets the pipeline at the next step. */
  void resetDerivationPipeline();
}
