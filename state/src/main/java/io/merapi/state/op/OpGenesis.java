package io.merapi.state.op;

import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.types.config.Genesis;
import io.merapi.types.config.GenesisAccount;
import io.merapi.types.config.OpFork;
import java.util.Map;
import java.util.Optional;

/**
 * What op-geth's genesis block differs in for OP chains ({@code Genesis.ToBlock}): from Isthmus,
 * the header's {@code withdrawalsRoot} is the storage root of the L2ToL1MessagePasser predeploy
 * (specs isthmus/exec-engine.md), at genesis too; and a genesis given only by its {@code stateHash}
 * is refused when Isthmus is active at genesis, since the message passer's storage root cannot then
 * be known. The generic genesis block (state root, default fields per fork) is the chain's.
 */
public final class OpGenesis {
  private OpGenesis() {}

  /**
   * The genesis header's {@code withdrawalsRoot} when Isthmus is active at genesis: the message
   * passer's storage root (the empty root if it has no storage); empty otherwise, where the generic
   * rule (Shanghai's empty withdrawals root) applies.
   *
   * @throws IllegalArgumentException for a {@code stateHash} genesis with Isthmus active
   */
  public static Optional<Hash> withdrawalsRoot(Genesis genesis) {
    if (!genesis.config().isActive(OpFork.ISTHMUS, genesis.number(), genesis.timestamp())) {
      return Optional.empty();
    }
    if (genesis.stateHash().isPresent()) {
      throw new IllegalArgumentException(
          "stateHash usage disallowed in chain with isthmus active at genesis");
    }
    GenesisAccount passer = genesis.alloc().get(Predeploys.L2_TO_L1_MESSAGE_PASSER);
    if (passer == null) {
      return Optional.of(MerklePatriciaTrie.EMPTY_ROOT);
    }
    return Optional.of(storageRoot(passer.storage()));
  }

  /** The root of a genesis account's storage (zero words are not stored). */
  static Hash storageRoot(Map<Hash, Hash> storage) {
    MerklePatriciaTrie trie = new MerklePatriciaTrie();
    for (Map.Entry<Hash, Hash> slot : storage.entrySet()) {
      UInt256 value = UInt256.fromHash(slot.getValue());
      if (!value.isZero()) {
        trie.put(
            Keccak256.hash(slot.getKey().array()),
            new RlpWriter(40).writeUInt256(value).toByteArray());
      }
    }
    return trie.rootHash();
  }
}
