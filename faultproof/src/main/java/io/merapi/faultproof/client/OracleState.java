package io.merapi.faultproof.client;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.faultproof.hint.HintType;
import io.merapi.state.AccountChange;
import io.merapi.state.store.CodeSource;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.NodeSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * L2 state nodes and code for {@link io.merapi.state.op.stateless.WitnessState}: first what the
 * program's own blocks created (no host knows the nodes of a state the program computed), then the
 * oracle, each read preceded by its hint ({@code l2-state-node}, {@code l2-code}) as op-program's
 * client does.
 */
final class OracleState implements NodeSource, CodeSource {
  private final Oracle oracle;
  private final Map<Hash, byte[]> createdNodes = new HashMap<>();
  private final Map<Hash, byte[]> createdCode = new HashMap<>();

  OracleState(Oracle oracle) {
    this.oracle = oracle;
  }

  @Override
  public Optional<byte[]> node(Hash hash) {
    byte[] created = createdNodes.get(hash);
    if (created != null) {
      return Optional.of(created);
    }
    return Optional.of(oracle.keccak(HintType.L2_STATE_NODE.with(hash), hash));
  }

  @Override
  public Optional<byte[]> code(Hash codeHash) {
    byte[] created = createdCode.get(codeHash);
    if (created != null) {
      return Optional.of(created);
    }
    return Optional.of(oracle.keccak(HintType.L2_CODE.with(codeHash), codeHash));
  }

  /**
   * The same nodes without a hint per node: for reads that one hint sent before covers (an {@code
   * l2-account-proof}), which a host acts on only while it is the last hint.
   */
  NodeSource coveredByLastHint() {
    return hash -> {
      byte[] created = createdNodes.get(hash);
      return Optional.of(created != null ? created : oracle.keccak(hash));
    };
  }

  /** Keeps a node a block of the program created. */
  void created(EncodedNode node) {
    createdNodes.put(node.hash(), node.rlp().toArray());
  }

  /** Keeps the code the block's changes deployed. */
  void created(List<AccountChange> changes) {
    for (AccountChange change : changes) {
      change
          .code()
          .ifPresent(code -> createdCode.put(Keccak256.digest(code.toArray()), code.toArray()));
    }
  }
}
