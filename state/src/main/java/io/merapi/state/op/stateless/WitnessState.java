package io.merapi.state.op.stateless;

import io.merapi.base.bytes.Address;
import io.merapi.base.bytes.Hash;
import io.merapi.base.crypto.Keccak256;
import io.merapi.base.rlp.RlpReader;
import io.merapi.base.rlp.RlpWriter;
import io.merapi.base.uint.UInt256;
import io.merapi.state.Account;
import io.merapi.state.AccountChange;
import io.merapi.state.StateReader;
import io.merapi.state.store.CodeSource;
import io.merapi.trie.EncodedNode;
import io.merapi.trie.MerklePatriciaTrie;
import io.merapi.trie.MissingNodeException;
import io.merapi.trie.NodeSource;
import io.merapi.trie.TrieCommit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The state at a root, read only from an {@link ExecutionWitness}: the state trie and storage tries
 * are opened on the witness's nodes and walked on demand, codes are looked up by hash. A node or
 * code the witness lacks is a {@link MissingPreimageException} naming its hash. {@link #commit}
 * applies a block's changes to the same tries and gives the new state root.
 */
public final class WitnessState implements StateReader {
  /**
   * Where nodes go when nobody keeps them: then only the roots are hashed, nothing is collected.
   */
  private static final Consumer<EncodedNode> NO_SINK = node -> {};

  private final CodeSource codes;
  private final NodeSource nodes;
  private final Hash root;
  private final MerklePatriciaTrie accounts;
  private final Map<Address, Optional<Account>> accountCache = new HashMap<>();
  private final Map<Address, MerklePatriciaTrie> storageTries = new HashMap<>();

  public WitnessState(ExecutionWitness witness, Hash stateRoot) {
    this(witness.preimages(), stateRoot);
  }

  public WitnessState(Map<Hash, byte[]> preimages, Hash stateRoot) {
    this(
        hash -> Optional.ofNullable(preimages.get(hash)),
        hash -> Optional.ofNullable(preimages.get(hash)),
        stateRoot);
  }

  /**
   * The state at {@code stateRoot} over other sources of nodes and codes (the node records what a
   * block's execution reads from its database this way, to serve its witness).
   */
  public WitnessState(NodeSource nodes, CodeSource codes, Hash stateRoot) {
    this.nodes = nodes;
    this.codes = codes;
    this.root = stateRoot;
    this.accounts = MerklePatriciaTrie.open(stateRoot, nodes);
  }

  public Hash root() {
    return root;
  }

  @Override
  public Optional<Account> account(Address address) {
    Optional<Account> cached = accountCache.get(address);
    if (cached == null) {
      cached = read(accounts, Keccak256.hash(address.array())).map(Account::fromRlp);
      accountCache.put(address, cached);
    }
    return cached;
  }

  @Override
  public UInt256 storage(Address address, UInt256 key) {
    Optional<Account> account = account(address);
    if (account.isEmpty() || account.get().storageRoot().equals(Account.EMPTY_STORAGE_ROOT)) {
      return UInt256.ZERO;
    }
    MerklePatriciaTrie trie =
        storageTries.computeIfAbsent(
            address, a -> MerklePatriciaTrie.open(account.get().storageRoot(), nodes));
    return read(trie, Keccak256.hash(key.toBytes()))
        .map(WitnessState::decodeSlot)
        .orElse(UInt256.ZERO);
  }

  @Override
  public byte[] code(Hash codeHash) {
    if (codeHash.equals(Account.EMPTY_CODE_HASH)) {
      return new byte[0];
    }
    return codes.code(codeHash).orElseThrow(() -> new MissingPreimageException(codeHash, "code"));
  }

  /**
   * The state root after {@code changes} (a block's net changes on this state). The witness must
   * hold every node the updates pass through, including the siblings a deletion collapses into. As
   * geth does, every trie gets its updates before its deletions (storage slots set to zero,
   * accounts removed): a deletion done first could collapse a branch whose remaining child must
   * then be read, a node that geth's and reth's witnesses need not carry.
   */
  public Hash commit(List<AccountChange> changes) {
    return commit(changes, NO_SINK);
  }

  /**
   * The same, handing every trie node the changes create (account and storage tries) to {@code
   * newNodes}: a caller that executes the next block on this one's state (the fault-proof program)
   * reads them back from there, as no witness holds nodes of a state it computed itself.
   */
  public Hash commit(List<AccountChange> changes, Consumer<EncodedNode> newNodes) {
    MerklePatriciaTrie updated = MerklePatriciaTrie.open(root, nodes);
    List<AccountChange> removed = new ArrayList<>();
    for (AccountChange change : changes) {
      if (!change.exists()) {
        removed.add(change);
        continue;
      }
      try {
        Optional<Account> before = account(change.address());
        Hash storageRoot = before.map(Account::storageRoot).orElse(Account.EMPTY_STORAGE_ROOT);
        if (change.storageCleared() || !change.storage().isEmpty()) {
          storageRoot =
              storageRoot(
                  change,
                  change.storageCleared() ? Account.EMPTY_STORAGE_ROOT : storageRoot,
                  newNodes);
        }
        Account account =
            new Account(change.nonce(), change.balance(), storageRoot, change.codeHash());
        updated.put(Keccak256.hash(change.address().array()), account.toRlp());
      } catch (MissingNodeException e) {
        throw new MissingPreimageException(
            e.hash(), "trie node (updating account " + change.address() + ")");
      }
    }
    for (AccountChange change : removed) {
      try {
        updated.delete(Keccak256.hash(change.address().array()));
      } catch (MissingNodeException e) {
        throw new MissingPreimageException(
            e.hash(), "trie node (deleting account " + change.address() + ")");
      }
    }
    try {
      return root(updated, newNodes);
    } catch (MissingNodeException e) {
      throw new MissingPreimageException(e.hash(), "trie node");
    }
  }

  private Hash storageRoot(AccountChange change, Hash from, Consumer<EncodedNode> newNodes) {
    MerklePatriciaTrie storage = MerklePatriciaTrie.open(from, nodes);
    List<byte[]> cleared = new ArrayList<>();
    for (Map.Entry<UInt256, UInt256> slot : change.storage().entrySet()) {
      byte[] slotKey = Keccak256.hash(slot.getKey().toBytes());
      if (slot.getValue().isZero()) {
        cleared.add(slotKey);
      } else {
        storage.put(slotKey, new RlpWriter(40).writeUInt256(slot.getValue()).toByteArray());
      }
    }
    for (byte[] slotKey : cleared) {
      storage.delete(slotKey);
    }
    return root(storage, newNodes);
  }

  private static Hash root(MerklePatriciaTrie trie, Consumer<EncodedNode> newNodes) {
    if (newNodes == NO_SINK) {
      return trie.rootHash();
    }
    TrieCommit commit = trie.commit();
    commit.nodes().forEach(newNodes);
    return commit.root();
  }

  private static Optional<byte[]> read(MerklePatriciaTrie trie, byte[] hashedKey) {
    try {
      return trie.get(hashedKey);
    } catch (MissingNodeException e) {
      throw new MissingPreimageException(e.hash(), "trie node");
    }
  }

  private static UInt256 decodeSlot(byte[] rlp) {
    RlpReader reader = RlpReader.of(rlp);
    UInt256 value = reader.readUInt256();
    reader.ensureEnd();
    return value;
  }
}
