package io.merapi.node.engine;

import io.merapi.base.bytes.Hash;
import io.merapi.derive.L2BlockRef;
import io.merapi.derive.source.L2Source;
import io.merapi.node.client.BlockLabel;
import io.merapi.types.engine.ExecutionPayloadEnvelope;
import io.merapi.types.rollup.OutputRoot;
import java.util.Optional;

/**
 * The L2 chain read from the engine's public JSON-RPC: what derivation needs ({@link L2Source},
 * block references built from each block's L1 info deposit) plus the engine's labelled heads, whole
 * blocks as payloads, and output roots. Failures to reach the engine are {@link
 * io.merapi.derive.DerivationException.Temporary}.
 */
public interface L2Client extends L2Source, AutoCloseable {
  /** The engine's block with this label, or empty if it has none (no safe block set yet). */
  Optional<L2BlockRef> blockRefByLabel(BlockLabel label);

  /**
   * The reference of a block the engine has just accepted from this node ({@code newPayload}
   * answered VALID for it), read from the payload itself as op-node's {@code PayloadToBlockRef}
   * does instead of asking the engine for the block again. A reader may keep what else the payload
   * says (its system config), which the attributes of the next block need.
   */
  default L2BlockRef acceptedBlockRef(ExecutionPayloadEnvelope accepted) {
    return l2BlockRefByHash(accepted.payload().blockHash());
  }

  /** The canonical block at {@code number} as an Engine API payload, or empty. */
  Optional<ExecutionPayloadEnvelope> payloadByNumber(long number);

  /** The output root of the block with {@code hash} (specs proposals.md "L2 Output Commitment"). */
  OutputRoot outputAt(Hash blockHash);

  @Override
  void close();
}
