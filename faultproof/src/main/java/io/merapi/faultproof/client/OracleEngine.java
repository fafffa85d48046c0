package io.merapi.faultproof.client;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.merapi.base.bytes.Bytes;
import io.merapi.derive.L2BlockRef;
import io.merapi.faultproof.hint.HintType;
import io.merapi.state.op.InvalidL2BlockException;
import io.merapi.state.op.OpBlockBuilder;
import io.merapi.state.op.stateless.StatelessExecutor;
import io.merapi.state.op.stateless.WitnessState;
import io.merapi.types.block.Header;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.json.Json;
import java.util.Optional;

/**
 * The program's engine: builds each derived block with the node's stateless block execution ({@link
 * StatelessExecutor}) on state read through the oracle, and appends it to the {@link OracleL2}
 * chain. Before each block it sends {@code l2-payload-witness}, so that a host can fetch every node
 * and code the block reads in one call.
 */
final class OracleEngine {
  private final Oracle oracle;
  private final OracleL2 chain;
  private final OracleState state;
  private final StatelessExecutor executor;

  OracleEngine(Oracle oracle, OracleL2 chain, OracleState state, StatelessExecutor executor) {
    this.oracle = oracle;
    this.chain = chain;
    this.state = state;
    this.executor = executor;
  }

  /** The new head, or empty if the attributes make an invalid block. */
  Optional<L2BlockRef> build(L2BlockRef parentRef, PayloadAttributes attributes) {
    Header parent = chain.header(parentRef.hash());
    ObjectNode request = Json.mapper().createObjectNode();
    request.put("parentBlockHash", parentRef.hash().toHex());
    request.set("payloadAttributes", attributes.toJson());
    oracle.hint(HintType.L2_PAYLOAD_WITNESS.with(Bytes.wrap(request.toString().getBytes(UTF8))));
    OpBlockBuilder.Built built;
    try {
      built =
          executor.execute(
              parent,
              attributes,
              new WitnessState(state, state, parent.stateRoot()),
              this::ancestor,
              state::created);
    } catch (InvalidL2BlockException e) {
      return Optional.empty();
    }
    state.created(built.changes());
    return Optional.of(chain.append(built.header(), built.transactions()));
  }

  private io.merapi.base.bytes.Hash ancestor(long number) {
    return chain
        .hashByNumber(number)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "BLOCKHASH of " + Long.toUnsignedString(number) + " above the L2 head"));
  }

  private static final java.nio.charset.Charset UTF8 = java.nio.charset.StandardCharsets.UTF_8;
}
