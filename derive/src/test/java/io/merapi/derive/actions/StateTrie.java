package io.merapi.derive.actions;

import io.merapi.base.bytes.Hash;
import io.merapi.execution.genesis.GenesisBlock;
import io.merapi.execution.genesis.GenesisState;
import io.merapi.state.AccountChange;
import io.merapi.state.store.StateCommitter;
import io.merapi.state.store.StateUpdate;
import io.merapi.trie.EncodedNode;
import io.merapi.types.config.Genesis;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A chain's state tries in memory, content-addressed: each block's root comes from committing only
 * its changed accounts on its parent's root ({@link StateCommitter}, as the execution node does),
 * instead of rehashing the whole state. Nodes are never dropped, so every root of every branch
 * stays valid across reorgs.
 */
final class StateTrie {
  private final Map<Hash, byte[]> nodes = new HashMap<>();

  /** Builds {@code genesis}'s block, keeping its trie nodes. */
  GenesisBlock genesis(Genesis genesis) {
    return GenesisBlock.of(
        genesis,
        new GenesisState.Sink() {
          @Override
          public void node(EncodedNode node) {
            nodes.put(node.hash(), node.rlp().array());
          }

          @Override
          public void code(Hash codeHash, byte[] code) {}

          @Override
          public void account(Hash accountKey, byte[] rlp) {}

          @Override
          public void storage(Hash accountKey, Hash slotKey, byte[] rlp) {}
        });
  }

  /** The root after {@code changes} on the state at {@code parentRoot}. */
  Hash commit(Hash parentRoot, List<AccountChange> changes) {
    StateUpdate update =
        StateCommitter.commit(parentRoot, hash -> Optional.ofNullable(nodes.get(hash)), changes);
    for (EncodedNode node : update.nodes()) {
      nodes.put(node.hash(), node.rlp().array());
    }
    return update.stateRoot();
  }
}
