package io.merapi.faultproof.host;

import com.fasterxml.jackson.databind.JsonNode;
import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Bytes;
import io.merapi.base.bytes.Hash;
import io.merapi.state.op.stateless.ExecutionWitness;
import io.merapi.types.block.Block;
import io.merapi.types.rollup.OutputRoot;
import java.util.List;
import java.util.Optional;

/** What the host reads from the L2 execution node for the {@code l2-*} hints. */
public interface L2Data {
  /** The block with this hash, header and transactions. */
  Block block(Hash hash);

  /** A state or storage trie node by its hash. */
  byte[] stateNode(Hash hash);

  /** Contract code by its hash. */
  byte[] code(Hash codeHash);

  /** The output at the block with this hash. */
  OutputRoot outputAt(Hash blockHash);

  /**
   * Every trie node and code that building a block on {@code parent} from {@code attributes} reads,
   * or empty if the node cannot say.
   */
  Optional<ExecutionWitness> payloadWitness(Hash parent, JsonNode attributes);

  /**
   * The account proof (state trie nodes from the root) of {@code address} at the canonical block
   * {@code number}.
   */
  default List<Bytes> accountProof(long number, Address address) {
    throw new UnsupportedOperationException(
        getClass().getSimpleName() + " does not serve account proofs");
  }
}
