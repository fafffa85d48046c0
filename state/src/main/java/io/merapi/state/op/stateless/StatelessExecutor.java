package io.merapi.state.op.stateless;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Hash;
import io.merapi.evm.BlockContext;
import io.merapi.state.op.OpBlockBuilder;
import io.merapi.state.op.OpChainRules;
import io.merapi.trie.EncodedNode;
import io.merapi.types.block.Header;
import io.merapi.types.config.RollupConfig;
import io.merapi.types.engine.PayloadAttributes;
import io.merapi.types.json.Json;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Executes one L2 block statelessly: the chain rules from the rollup config alone, the parent
 * header, the payload attributes, and state only from an execution witness. The core of {@code
 * merapi execution stateless} and, later, of the fault-proof program's block execution.
 */
public final class StatelessExecutor {
  private final OpBlockBuilder builder;

  public StatelessExecutor(RollupConfig rollup) {
    this(new OpChainRules(rollup.chainConfig()));
  }

  public StatelessExecutor(OpChainRules rules) {
    this.builder = new OpBlockBuilder(rules);
  }

  /** Builds and seals the block; its header carries the new state root. */
  public OpBlockBuilder.Built execute(
      Header parent, PayloadAttributes attributes, ExecutionWitness witness) {
    Map<Hash, byte[]> preimages = witness.preimages();
    WitnessState state = new WitnessState(preimages, parent.stateRoot());
    return builder.build(parent, attributes, state, ancestors(parent, witness), state::commit);
  }

  /**
   * Builds and seals the block on a parent state read from elsewhere (the fault-proof program reads
   * it through its pre-image oracle), with BLOCKHASH answered by {@code ancestors}; the trie nodes
   * of the new state go to {@code newNodes}.
   */
  public OpBlockBuilder.Built execute(
      Header parent,
      PayloadAttributes attributes,
      WitnessState parentState,
      BlockContext.BlockHashLookup ancestors,
      Consumer<EncodedNode> newNodes) {
    return builder.build(
        parent,
        attributes,
        parentState,
        ancestors,
        changes -> parentState.commit(changes, newNodes));
  }

  /**
   * BLOCKHASH answers: the parent, then the witness's headers reached by following parent hashes
   * from it, so only headers of this chain count. A block the witness does not reach is an error
   * naming it.
   */
  static BlockContext.BlockHashLookup ancestors(Header parent, ExecutionWitness witness) {
    Map<Hash, Header> byHash = new HashMap<>();
    for (Header h : witness.decodedHeaders()) {
      byHash.put(h.hash(), h);
    }
    Map<Long, Hash> byNumber = new HashMap<>();
    byNumber.put(parent.number(), parent.hash());
    Header cursor = parent;
    while (byHash.containsKey(cursor.parentHash())) {
      Header previous = byHash.get(cursor.parentHash());
      byNumber.put(previous.number(), cursor.parentHash());
      cursor = previous;
    }
    // The lowest header's parent hash is known without its header.
    if (cursor.number() > 0) {
      byNumber.put(cursor.number() - 1, cursor.parentHash());
    }
    Hash deepestMissing = cursor.parentHash();
    return number -> {
      Hash hash = byNumber.get(number);
      if (hash == null) {
        throw new MissingPreimageException(
            deepestMissing,
            "BLOCKHASH of block "
                + Long.toUnsignedString(number)
                + ": the witness's headers stop before the header");
      }
      return hash;
    };
  }

  /**
   * Reads a header in JSON-RPC form; a {@code hash} field, if given, must match the header's.
   *
   * @throws IllegalArgumentException if it is not a header or its hash disagrees
   */
  public static Header parseHeader(JsonNode json) {
    Header header;
    try {
      header = Json.mapper().treeToValue(json, Header.class);
    } catch (JsonProcessingException | RuntimeException e) {
      throw new IllegalArgumentException("parent is not a block header: " + e.getMessage(), e);
    }
    JsonNode hash = json.get("hash");
    if (hash != null && !hash.isNull()) {
      Hash given = Hash.fromHex(hash.asText());
      if (!given.equals(header.hash())) {
        throw new IllegalArgumentException(
            "parent header hashes to " + header.hash() + ", but its 'hash' field says " + given);
      }
    }
    return header;
  }
}
